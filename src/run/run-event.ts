import type { EngineId, EngineInfo } from '../engines/engine.js';
import type { ConfigProblem, ParascadErrorCode } from '../errors.js';
import type { RenderJob } from '../plan/render-job.js';
import type { FailureReason, PartResult } from './part-result.js';
import type { RunSummary } from './run-summary.js';

/** Which engines a run uses and why, said before anything renders. */
export interface EnginePlan {
  readonly native?: EngineInfo;
  readonly wasm?: EngineInfo;
  /** One line: which engine was picked and why. */
  readonly explanation: string;
}

/**
 * What an estimate of a part's time goes by: its own last render on its engine (`recorded`; a
 * part restored from the cache is `recorded` at 0 s), its last render on the other engine scaled
 * by the ratio measured between the engines (`other-engine`), the recorded parts of the same file
 * (`same-file`), or nothing (`none`: the seconds are a guess for ordering parts, not for an ETA).
 */
export type EstimateBasis = 'recorded' | 'other-engine' | 'same-file' | 'none';

/** What a part is expected to cost, from its recorded renders or, when it has none, an estimate. */
export interface PartEstimate {
  readonly seconds: number;
  /** Peak memory of its last render, in bytes, when recorded. */
  readonly peakBytes?: number;
  readonly basis: EstimateBasis;
}

/** Everything a run reports, in order; reporters turn these into text, JSON or files. */
export type RunEvent =
  | {
      readonly type: 'run-start';
      /** Every part, in the order they will start: first those taken from the cache. */
      readonly jobs: readonly RenderJob[];
      /**
       * The ids of `jobs` in the plan's order (the project's files, parts and variants as
       * written), which reports list the parts in.
       */
      readonly order: readonly string[];
      /** How many of them (the first) are taken from the cache, not rendered. */
      readonly cached?: number;
      /** Keyed by job id. */
      readonly estimates: Readonly<Record<string, PartEstimate>>;
      readonly concurrency: number;
      /** Parts never start while the running ones' expected peaks plus theirs would exceed this. */
      readonly memoryBudgetBytes: number;
      /** The project folder (absolute): part ids and the reports' relative paths start there. */
      readonly projectDir: string;
      readonly engines: EnginePlan;
      /** Where the parts come from, in words (`render_config.yml`, …), when the plan says. */
      readonly source?: string;
    }
  | { readonly type: 'warning'; readonly problem: ConfigProblem }
  | {
      readonly type: 'part-start';
      readonly job: RenderJob;
      readonly engine: EngineId;
      /** Why this engine (the `auto` rule, or the user's choice). */
      readonly reason: string;
      /** 1 for the first try, 2 for the first retry, … */
      readonly attempt: number;
      readonly expected: PartEstimate;
      /** Where it runs when not in this machine's pool: a fleet worker (`host:pid`). */
      readonly where?: string;
    }
  | {
      /** A part crashed or timed out and will be tried again. */
      readonly type: 'part-retry';
      readonly job: RenderJob;
      readonly attempt: number;
      readonly failure: FailureReason;
      /** Set when the next attempt runs on another engine (`auto` moving a part off a crashed WASM). */
      readonly nextEngine?: EngineId;
    }
  | { readonly type: 'part-done'; readonly result: PartResult }
  | {
      /**
       * No more parts start: the first Ctrl-C (running parts finish), `--fail-fast` after a
       * failure (running parts are stopped), or `terminated`: the run's `signal` aborted (SIGTERM,
       * a caller's cancel) and the running parts are stopped now.
       */
      readonly type: 'stopping';
      readonly reason: StoppingReason;
      readonly running: number;
    }
  | { readonly type: 'run-done'; readonly summary: RunSummary }
  | {
      /**
       * The run could not start: a configuration or usage error found before anything rendered
       * (the library throws it as a `ParascadError`; the CLI's `--json` writes it as this event).
       */
      readonly type: 'run-error';
      readonly error: RunError;
    };

/** Why no more parts start (see the `stopping` event). */
export type StoppingReason = 'interrupted' | 'fail-fast' | 'terminated';

/** A setup error as data: its stable code, its message, what to do, and every config problem. */
export interface RunError {
  readonly code: ParascadErrorCode;
  readonly message: string;
  readonly hint?: string;
  /** Each problem with its place, for a configuration error; empty otherwise. */
  readonly problems: readonly ConfigProblem[];
}
