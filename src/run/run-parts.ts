import type { EngineChoice } from '../engines/choose-engine.js';
import type { EngineId } from '../engines/engine.js';
import type { PartJob } from '../job/part-job.js';
import type { RenderJob } from '../plan/render-job.js';
import { runPool } from '../schedule/run-pool.js';
import { whenAborted } from './abort-links.js';
import type { EngineFallbacks } from './engine-fallbacks.js';
import type { FailureReason, PartResult } from './part-result.js';
import type { PartRunner } from './part-runner.js';
import type { RunSchedule } from './plan-schedule.js';
import type { RunEvent, StoppingReason } from './run-event.js';
import { withKeptConsole } from './with-kept-console.js';

export interface RunPartsOptions {
  readonly jobs: readonly RenderJob[];
  readonly runner: PartRunner;
  readonly schedule: RunSchedule;
  /** Each part's engine by job id; a part that falls back to native is moved here. */
  readonly choices: Map<string, EngineChoice>;
  /** The self-contained job of a part on an engine. */
  readonly workOf: (job: RenderJob, engine: EngineId) => Promise<PartJob>;
  /**
   * Under `auto`, which failed attempts are rendered again, at once, on the other engine, and what
   * each finished attempt teaches the history (see `createEngineFallbacks`).
   */
  readonly fallbacks: EngineFallbacks;
  /** Further tries for a crash or a timeout. */
  readonly retries: number;
  readonly failFast: boolean;
  /** Looks at each finished part's facts, and under `--strict` fails one with warnings (see `reviewPart`). */
  readonly review: (result: PartResult) => PartResult;
  /** Aborting stops running parts now. */
  readonly signal?: AbortSignal | undefined;
  /** Aborting starts no more parts; running ones finish. */
  readonly stopSignal?: AbortSignal | undefined;
  readonly emit: (event: RunEvent) => void;
  /** Called with every successful render (not a skipped or failed one). */
  readonly onRendered?: (result: PartResult, work: PartJob) => void | Promise<void>;
}

/**
 * The last phase of a run: renders the parts on the runner, longest first within the workers and
 * the memory budget, with retries, the `auto` fallback to the other engine, `--fail-fast` and both kinds of
 * stop (gentle: no more parts start; at once: running parts are killed).
 */
export async function runParts(options: RunPartsOptions): Promise<PartResult[]> {
  const { emit, choices, schedule, runner } = options;
  const choiceOf = (job: RenderJob): EngineChoice => {
    const choice = choices.get(job.id);
    if (choice === undefined) throw new Error(`no engine chosen for ${job.id}`);
    return choice;
  };
  // `kill` stops running parts; `stop` only keeps new ones from starting.
  const kill = new AbortController();
  const stop = new AbortController();
  let running = 0;
  let said: StoppingReason | undefined;
  const stopping = (reason: StoppingReason): void => {
    // Said once, and once more when the first Ctrl-C's gentle stop turns into a stop at once
    // while parts still run: the second Ctrl-C is heard.
    if (said !== undefined && (reason !== 'terminated' || said !== 'interrupted' || running === 0))
      return;
    said = reason;
    emit({ type: 'stopping', reason, running });
    stop.abort();
  };
  // A stop at once says so, unless a gentle stop or --fail-fast already did; first, so that a run
  // started after both signals (SIGTERM while planning) says it stops now.
  const unlinks = [
    whenAborted(options.signal, () => {
      kill.abort();
    }),
    whenAborted(kill.signal, () => {
      stopping('terminated');
    }),
    whenAborted(options.stopSignal, () => {
      stopping('interrupted');
    }),
  ];
  const retryable = (result: PartResult): boolean =>
    result.failure?.kind === 'engine-crash' || result.failure?.kind === 'timeout';

  try {
    return await runPool(options.jobs, {
      concurrency: schedule.concurrency,
      memoryBudgetBytes: schedule.memoryBudgetBytes,
      stop: stop.signal,
      priority: schedule.priority,
      memory: schedule.memoryOf,
      // A part's work (its files read and digested) is built while the parts before it render.
      prepare: (job) => {
        const choice = choices.get(job.id);
        if (choice !== undefined) options.workOf(job, choice.engine).catch(() => undefined);
      },
      skip: (job) => notRun(job, choiceOf(job).engine, { kind: 'cancelled' }),
      fail: (job, error) =>
        notRun(job, choiceOf(job).engine, {
          kind: 'io-error',
          message: error instanceof Error ? error.message : String(error),
        }),
      shouldRetry: (result, attempt) =>
        (attempt <= options.retries && retryable(result)) ||
        options.fallbacks.next(result) !== undefined,
      onRetry: (job, result, attempt) => {
        const nextEngine = options.fallbacks.next(result);
        if (nextEngine !== undefined) options.fallbacks.moveOn(result, nextEngine);
        if (result.failure !== undefined) {
          emit({
            type: 'part-retry',
            job,
            attempt,
            failure: result.failure,
            ...(nextEngine === undefined ? {} : { nextEngine }),
          });
        }
      },
      onResult: (_job, result) => {
        emit({ type: 'part-done', result });
        if (result.status === 'failed' && options.failFast) {
          stopping('fail-fast');
          kill.abort();
        }
        // Reported in full: the run keeps only the ends of what OpenSCAD printed.
        return withKeptConsole(result);
      },
      run: async (job, attempt, release) => {
        const choice = choiceOf(job);
        const work = await options.workOf(job, choice.engine);
        const start = { announced: false };
        const announce = (where?: string): void => {
          if (start.announced) return;
          start.announced = true;
          running++;
          emit({
            type: 'part-start',
            job,
            engine: choice.engine,
            reason: choice.reason,
            attempt,
            expected: schedule.estimateOf(job, choice.engine),
            ...(where === undefined ? {} : { where }),
          });
        };
        // A queued part is announced when a worker takes it, not when it is handed over.
        if (runner.queued !== true) announce();
        // Running until its engine is done: its outputs are checked while the next part renders,
        // and a stop's "letting N running parts finish" counts the renders only.
        const render = { counted: true };
        const engineDone = (): void => {
          if (start.announced && render.counted) running--;
          render.counted = false;
          release();
        };
        try {
          const result = await runner.run(
            {
              job,
              work,
              attempt,
              engineDone,
              ...(runner.queued === true ? { started: announce } : {}),
            },
            kill.signal,
          );
          if (result.status === 'ok') await options.onRendered?.(result, work);
          return options.review(options.fallbacks.finish(result));
        } finally {
          if (start.announced && render.counted) running--;
          render.counted = false;
        }
      },
    });
  } finally {
    for (const unlink of unlinks) unlink();
  }
}

/** The result of a part that never ran. */
export function notRun(job: RenderJob, engine: EngineId, failure: FailureReason): PartResult {
  return {
    job,
    engine,
    status: failure.kind === 'cancelled' ? 'cancelled' : 'failed',
    failure,
    outputs: [],
    diagnostics: [],
    seconds: 0,
    attempts: 0,
    console: '',
  };
}
