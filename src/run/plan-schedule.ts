import { availableParallelism } from 'node:os';
import type { EngineId } from '../engines/engine.js';
import type { HistoryStore } from '../history/history-store.js';
import type { RenderJob } from '../plan/render-job.js';
import { estimateParts, unknownPeakBytes } from '../schedule/estimate-parts.js';
import { defaultMemoryBudget } from '../schedule/memory-budget.js';
import { resolveConcurrency } from '../schedule/resolve-concurrency.js';
import type { EngineRatios } from '../engines/measure-engine-ratios.js';
import type { NativeOpenScad } from '../engines/resolve-native.js';
import type { PartEstimate } from './run-event.js';

/** How a run's parts are ordered and packed: estimates, workers and the memory budget. */
export interface RunSchedule {
  /** On the engine each part was chosen for, by part id. */
  readonly estimates: ReadonlyMap<string, PartEstimate>;
  /** On `engine`, by default the one the part was chosen for (a fallback may move it). */
  readonly estimateOf: (job: RenderJob, engine?: EngineId) => PartEstimate;
  /** Higher starts first. */
  readonly priority: (job: RenderJob) => number;
  readonly memoryOf: (job: RenderJob) => number;
  readonly concurrency: number;
  readonly memoryBudgetBytes: number;
}

export interface PlanScheduleOptions {
  readonly jobs: readonly RenderJob[];
  readonly engineOf: (job: RenderJob) => EngineId;
  readonly history: HistoryStore;
  /** How the engines compare on this project, when measured (see `estimateParts`). */
  readonly ratios?: EngineRatios | undefined;
  /** `-j`. */
  readonly requested?: number | undefined;
  /** The project's thread count. */
  readonly projectThreads?: number | undefined;
  /** The native engine, when some part renders on it. */
  readonly native?: NativeOpenScad | undefined;
  readonly maxMemoryBytes?: number | undefined;
}

/**
 * Phase two of a run: what each part is expected to cost, how many run at once, and how much
 * memory they may take together.
 */
export function planSchedule(options: PlanScheduleOptions): RunSchedule {
  const { jobs } = options;
  const estimatePart = estimateParts(
    jobs,
    options.history,
    options.ratios === undefined ? {} : { ratios: options.ratios },
  );
  const estimates = new Map(jobs.map((job) => [job.id, estimatePart(job, options.engineOf(job))]));
  const estimateOf = (job: RenderJob, engine = options.engineOf(job)): PartEstimate =>
    (engine === options.engineOf(job) ? estimates.get(job.id) : undefined) ??
    estimatePart(job, engine);
  return {
    estimates,
    estimateOf,
    // Parts never measured start first: they may be the long ones.
    priority: (job) => {
      const estimate = estimateOf(job);
      return estimate.basis === 'recorded' ? estimate.seconds : Number.MAX_SAFE_INTEGER;
    },
    memoryOf: (job) => estimateOf(job).peakBytes ?? unknownPeakBytes,
    concurrency: resolveConcurrency({
      requested: options.requested,
      project: options.projectThreads,
      cpus: availableParallelism(),
      parts: jobs.length,
      native: options.native?.info,
    }),
    memoryBudgetBytes: options.maxMemoryBytes ?? defaultMemoryBudget(),
  };
}
