import type { ConfigProblem } from '../../errors.js';
import { ConfigError, ParascadError } from '../../errors.js';
import type { PartResult } from '../../run/part-result.js';
import type { RunEvent } from '../../run/run-event.js';
import type { RunSummary } from '../../run/run-summary.js';
import type { CollectedRun } from './build-run-report.js';
import type { ReportOptions } from './run-report.js';

/** What the command knows about a run before it starts. */
export interface RunFacts {
  readonly version: string;
  readonly cwd: string;
  readonly options: ReportOptions;
  /**
   * The clock.
   * @default () => new Date()
   */
  readonly now?: () => Date;
}

/** Keeps what a run's events say, to build its reports at the end however it ended. */
export interface RunCollector {
  onEvent(event: RunEvent): void;
  /** The run as it ended: with the error that ended it, if any, and whether it was interrupted. */
  finish(end: { readonly error?: unknown; readonly interrupted: boolean }): CollectedRun;
}

/** Starts collecting a run's events (call before the run starts: the start time is now). */
export function collectRun(facts: RunFacts): RunCollector {
  const now = facts.now ?? (() => new Date());
  const startedAt = now();
  let start: Extract<RunEvent, { type: 'run-start' }> | undefined;
  let summary: RunSummary | undefined;
  const results: PartResult[] = [];
  const warnings: ConfigProblem[] = [];
  return {
    onEvent(event) {
      switch (event.type) {
        case 'run-start':
          start = event;
          break;
        case 'part-done':
          results.push(event.result);
          break;
        case 'warning':
          warnings.push(event.problem);
          break;
        case 'run-done':
          summary = event.summary;
          break;
        default:
          // Starts, retries and stopping notices change nothing a finished run's report says.
          break;
      }
    },
    finish({ error, interrupted }) {
      return {
        version: facts.version,
        cwd: facts.cwd,
        options: facts.options,
        startedAt,
        endedAt: now(),
        results,
        warnings,
        interrupted,
        ...(start === undefined ? {} : { start }),
        ...(summary === undefined ? {} : { summary }),
        ...(error === undefined ? {} : { error: describeError(error) }),
      };
    },
  };
}

function describeError(error: unknown): NonNullable<CollectedRun['error']> {
  if (error instanceof ParascadError) {
    return {
      code: error.code,
      message: error.message,
      problems: error instanceof ConfigError ? error.problems : [],
      ...(error.hint === undefined ? {} : { hint: error.hint }),
    };
  }
  return {
    code: 'INTERNAL',
    message: error instanceof Error ? error.message : String(error),
    problems: [],
  };
}
