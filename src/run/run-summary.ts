import type { RunChanges } from '../changes/run-changes-schema.js';
import type { EngineInfo } from '../engines/engine.js';
import type { PartResult } from './part-result.js';

/** The outcome of a run, returned by `render()` and shown as the final summary. */
export interface RunSummary {
  readonly results: readonly PartResult[];
  readonly ok: number;
  readonly failed: number;
  readonly cancelled: number;
  /** Of the `ok` parts, those taken from the cache instead of rendered. */
  readonly cached: number;
  /** From the first part starting to the last one finishing. */
  readonly wallSeconds: number;
  /** The sum of the parts' own times: what one worker would have needed. */
  readonly partSeconds: number;
  /** `partSeconds / wallSeconds`: what running parts side by side gained. */
  readonly speedup: number;
  /**
   * No schedule can finish sooner than the longest part or than the total work spread over
   * every worker: `max(longest part, partSeconds / concurrency)`.
   */
  readonly lowerBoundSeconds: number;
  /** `lowerBoundSeconds / wallSeconds`: 1 is a perfect schedule. */
  readonly scheduleEfficiency: number;
  /** Attempts beyond the first, over all parts. */
  readonly retries: number;
  readonly concurrency: number;
  readonly engines: readonly EngineInfo[];
  /** What changed since the previous run, or against `baseline`; absent when nothing was compared. */
  readonly changes?: RunChanges;
}

/** Totals of a run's results. */
export function summarise(
  results: readonly PartResult[],
  wallSeconds: number,
  concurrency: number,
  engines: readonly EngineInfo[],
): RunSummary {
  const count = (status: PartResult['status']): number =>
    results.filter((result) => result.status === status).length;
  const partSeconds = results.reduce((sum, result) => sum + result.seconds, 0);
  const longest = Math.max(0, ...results.map((result) => result.seconds));
  const lowerBoundSeconds = Math.max(longest, partSeconds / Math.max(1, concurrency));
  return {
    results,
    ok: count('ok'),
    failed: count('failed'),
    cancelled: count('cancelled'),
    cached: results.filter((result) => result.status === 'ok' && result.cached !== undefined)
      .length,
    wallSeconds,
    partSeconds,
    speedup: wallSeconds > 0 ? partSeconds / wallSeconds : 1,
    lowerBoundSeconds,
    scheduleEfficiency: wallSeconds > 0 ? Math.min(1, lowerBoundSeconds / wallSeconds) : 1,
    retries: results.reduce((sum, result) => sum + Math.max(0, result.attempts - 1), 0),
    concurrency,
    engines,
  };
}
