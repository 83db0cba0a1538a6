import type { EngineId, EngineInfo } from '../engines/engine.js';
import type { ConfigProblem } from '../errors.js';
import type { RenderJob } from '../plan/render-job.js';
import type { PartResult } from './part-result.js';
import type { RunSummary } from './run-summary.js';

/** Which engines a run uses and why, said before anything renders. */
export interface EnginePlan {
  readonly native?: EngineInfo;
  readonly wasm?: EngineInfo;
  /** One line: which engine was picked and why. */
  readonly explanation: string;
}

/** Everything a run reports, in order; reporters turn these into text, JSON or files. */
export type RunEvent =
  | {
      readonly type: 'run-start';
      readonly jobs: readonly RenderJob[];
      readonly concurrency: number;
      readonly engines: EnginePlan;
    }
  | { readonly type: 'warning'; readonly problem: ConfigProblem }
  | {
      readonly type: 'part-start';
      readonly job: RenderJob;
      readonly engine: EngineId;
      readonly reason: string;
    }
  | { readonly type: 'part-done'; readonly result: PartResult }
  | { readonly type: 'run-done'; readonly summary: RunSummary };
