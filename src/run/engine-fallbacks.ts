import type { EngineChoice } from '../engines/choose-engine.js';
import type { EngineId } from '../engines/engine.js';
import { fallbackEngine, isRememberedFailure } from '../engines/fallback-engine.js';
import type { HistoryStore } from '../history/history-store.js';
import type { RenderJob } from '../plan/render-job.js';
import { unreachable } from '../util/unreachable.js';
import type { FailureReason, PartResult } from './part-result.js';
import type { EnginePreference } from './render-options.js';

/** What the run tells the fallback bookkeeping. */
export interface EngineFallbackOptions {
  readonly preferenceOf: (job: RenderJob) => EnginePreference;
  /** Whether an engine is installed and exports every format of the job. */
  readonly canRender: (job: RenderJob, engine: EngineId) => boolean;
  readonly choices: Map<string, EngineChoice>;
  readonly history: HistoryStore;
}

/** A run's memory of which engines each part tried, so a failed part falls back once. */
export interface EngineFallbacks {
  /** The engine the failed result should be rendered again on, if any (see `fallbackEngine`). */
  next(result: PartResult): EngineId | undefined;
  /** Moves the job to the next engine and keeps the failure, to attach to the final result. */
  moveOn(result: PartResult, engine: EngineId): void;
  /**
   * Records what a finished try says about its engine in the history (a time, or a failure that
   * the next run's `auto` avoids) and attaches an earlier try's failure to the result.
   */
  finish(result: PartResult): PartResult;
}

/** The bookkeeping behind `auto`'s fallback from one engine to the other within a run. */
export function createEngineFallbacks(options: EngineFallbackOptions): EngineFallbacks {
  const tried = new Map<string, Set<EngineId>>();
  const earlier = new Map<string, NonNullable<PartResult['fallbackFrom']>>();
  const triedBy = (result: PartResult): Set<EngineId> => {
    const engines = tried.get(result.job.id) ?? new Set<EngineId>();
    engines.add(result.engine);
    // A part that failed on both engines last time, unchanged since, is not rendered twice again.
    if (options.choices.get(result.job.id)?.failedOn === 'both') engines.add('native').add('wasm');
    tried.set(result.job.id, engines);
    return engines;
  };
  return {
    next(result) {
      if (result.status !== 'failed' || result.failure === undefined) return undefined;
      return fallbackEngine({
        preference: options.preferenceOf(result.job),
        engine: result.engine,
        failureKind: result.failure.kind,
        diagnosticCode:
          result.failure.kind === 'openscad-error' ? result.failure.diagnostic.code : undefined,
        tried: triedBy(result),
        canRender: (engine) => options.canRender(result.job, engine),
      });
    },
    moveOn(result, engine) {
      if (result.failure !== undefined) {
        earlier.set(result.job.id, { engine: result.engine, failure: result.failure });
      }
      options.choices.set(result.job.id, {
        engine,
        reason: `it failed on ${result.engine}${result.failure === undefined ? '' : `: ${failureMessage(result.failure)}`}`,
        failedOn: result.engine,
      });
    },
    finish(result) {
      if (result.failure !== undefined && isRememberedFailure(result.failure.kind)) {
        options.history.recordFailure(result.job.id, result.engine, {
          message: failureMessage(result.failure),
          at: new Date().toISOString(),
        });
      }
      const before = earlier.get(result.job.id);
      return before === undefined || before.engine === result.engine
        ? result
        : { ...result, fallbackFrom: before };
    },
  };
}

/** One line for a failure, as the history keeps it and a reason quotes it. */
export function failureMessage(failure: FailureReason): string {
  switch (failure.kind) {
    case 'openscad-error':
      return failure.diagnostic.message;
    case 'engine-crash':
    case 'io-error':
      return failure.message;
    case 'conversion-failed':
    case 'invalid-output':
      return `${failure.format}: ${failure.message}`;
    case 'missing-output':
      return `no ${failure.format} file`;
    case 'exit-code':
      return `exit code ${failure.code}`;
    case 'memory-limit':
      return `over the memory limit`;
    case 'timeout':
      return `timed out after ${failure.seconds}s`;
    case 'cancelled':
      return 'cancelled';
    case 'strict':
      return `--strict: ${failure.first.message}`;
    default:
      return unreachable(failure);
  }
}
