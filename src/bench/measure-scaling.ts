import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EngineId, EngineInfo } from '../engines/engine.js';
import type { RenderJob } from '../plan/render-job.js';
import type { FailureReason, PartResult } from '../run/part-result.js';
import type { RenderOptions } from '../run/render.js';
import type { RunSummary } from '../run/run-summary.js';
import { lowerBoundSeconds } from './lower-bound-seconds.js';

/**
 * What the bench reads from a run: the fields of {@link RunSummary} it needs and no more, so that
 * `render()` itself fits and tests can pass small fakes.
 */
export interface ScalingRunSummary {
  readonly wallSeconds: RunSummary['wallSeconds'];
  /** Workers the run used: fewer than asked when the project has fewer parts. */
  readonly concurrency: RunSummary['concurrency'];
  readonly engines: readonly Pick<EngineInfo, 'id' | 'version' | 'backend'>[];
  readonly results: readonly (Pick<PartResult, 'status' | 'seconds' | 'engine' | 'failure'> & {
    readonly job: Pick<RenderJob, 'id' | 'name'>;
  })[];
}

/** The project a bench renders: {@link RenderOptions} without what the bench sets per run. */
export type ScalingProject = Omit<RenderOptions, 'jobs' | 'outDir' | 'signal' | 'onEvent'>;

/** One timed run. */
export interface ScalingMeasurement {
  /** Workers the run used. */
  readonly workers: number;
  /** Workers asked for; more than `workers` only when the project has fewer parts. */
  readonly requestedWorkers: number;
  readonly wallSeconds: number;
  /** The sum of the parts' own times. */
  readonly partSeconds: number;
  /** See {@link lowerBoundSeconds}. */
  readonly lowerBoundSeconds: number;
  /** The engine each part ran on, by part id: `auto` may move parts as their history grows. */
  readonly partEngines: Readonly<Record<string, EngineId>>;
  readonly engines: readonly Pick<EngineInfo, 'id' | 'version' | 'backend'>[];
}

/** A part that did not render, and why. */
export interface ScalingFailure {
  readonly part: string;
  readonly failure: FailureReason | undefined;
}

/** How a bench ended; a failed part or Ctrl-C is an outcome, not an exception. */
export type ScalingOutcome =
  | {
      readonly status: 'ok';
      readonly measurements: readonly ScalingMeasurement[];
      /**
       * Counts not measured: the project has fewer parts, `render()` never runs more workers than
       * parts, and the run with one worker per part was already measured.
       */
      readonly skipped: readonly number[];
      readonly parts: number;
    }
  | {
      readonly status: 'failed';
      readonly measurements: readonly ScalingMeasurement[];
      /** The run that failed: its worker count, or `warm-up`. */
      readonly run: number | 'warm-up';
      readonly failures: readonly ScalingFailure[];
    }
  | { readonly status: 'interrupted'; readonly measurements: readonly ScalingMeasurement[] };

/** What a bench reports while it runs, for a progress display. */
export type ScalingEvent =
  | { readonly type: 'bench-start'; readonly outputFolder: string }
  | { readonly type: 'run-start'; readonly workers: number; readonly warmup: boolean }
  | {
      readonly type: 'run-done';
      readonly workers: number;
      readonly warmup: boolean;
      readonly wallSeconds: number;
      /** Parts that did not render: any ends the bench. */
      readonly failed: number;
    }
  | { readonly type: 'skipped'; readonly workers: number; readonly parts: number };

export interface MeasureScalingOptions {
  /** Renders a project; `render()` from the library, or a fake in tests. */
  readonly render: (options: RenderOptions) => Promise<ScalingRunSummary>;
  readonly project: ScalingProject;
  /** Worker counts to measure, ascending and distinct (see `parseWorkerCounts`). */
  readonly counts: readonly number[];
  /**
   * How many times each count is measured; the table and chart show the median and the spread.
   * @default 1
   */
  readonly repeat?: number;
  /**
   * Render once, untimed, before measuring: every part then has a recorded time, so parts start
   * longest first as in a normal run, and the files are in the operating system's cache.
   * @default true
   */
  readonly warmup?: boolean;
  /** Aborting stops the running render; the outcome is then `interrupted`. */
  readonly signal?: AbortSignal;
  /** Where the temporary output folder is made. @default os.tmpdir() */
  readonly tempDir?: string;
  readonly onEvent?: (event: ScalingEvent) => void;
}

/**
 * Renders a project once per worker count and records each run's wall time and lower bound.
 * A count above the number of parts runs with one worker per part (as `render()` does), and is
 * skipped when that run was already measured. Every run writes into its own folder inside one temporary folder, which is removed at the end
 * however the bench ends, so the project's own outputs are never touched. Stops at the first run
 * in which a part did not render: its times would not be comparable.
 */
export async function measureScaling(options: MeasureScalingOptions): Promise<ScalingOutcome> {
  const signal = options.signal ?? new AbortController().signal;
  const emit = options.onEvent ?? (() => undefined);
  const measurements: ScalingMeasurement[] = [];
  const skipped: number[] = [];
  const interrupted: ScalingOutcome = { status: 'interrupted', measurements };
  const outputFolder = await mkdtemp(join(options.tempDir ?? tmpdir(), 'parascad-bench-run-'));
  let parts: number | undefined;

  const run = async (workers: number, warmup: boolean): Promise<ScalingRunSummary | undefined> => {
    const outDir = join(outputFolder, warmup ? 'warm-up' : `${workers}-workers`);
    emit({ type: 'run-start', workers, warmup });
    try {
      const summary = await options.render({ ...options.project, jobs: workers, outDir, signal });
      if (signal.aborted) return undefined;
      emit({
        type: 'run-done',
        workers,
        warmup,
        wallSeconds: summary.wallSeconds,
        failed: failuresOf(summary).length,
      });
      return summary;
    } catch (error) {
      // A render stopped by Ctrl-C may end in any error; the user asked it to stop.
      if (signal.aborted) return undefined;
      throw error;
    } finally {
      await rm(outDir, { recursive: true, force: true });
    }
  };

  try {
    emit({ type: 'bench-start', outputFolder });
    const largest = options.counts.at(-1);
    if ((options.warmup ?? true) && largest !== undefined) {
      if (signal.aborted) return interrupted;
      const summary = await run(largest, true);
      if (summary === undefined) return interrupted;
      const failures = failuresOf(summary);
      if (failures.length > 0) return { status: 'failed', measurements, run: 'warm-up', failures };
      parts = summary.results.length;
    }
    for (const workers of options.counts) {
      if (parts !== undefined && workers > parts && measured(measurements, parts)) {
        skipped.push(workers);
        emit({ type: 'skipped', workers, parts });
        continue;
      }
      for (let repetition = 0; repetition < Math.max(1, options.repeat ?? 1); repetition++) {
        if (signal.aborted) return interrupted;
        const summary = await run(workers, false);
        if (summary === undefined) return interrupted;
        const failures = failuresOf(summary);
        if (failures.length > 0) return { status: 'failed', measurements, run: workers, failures };
        parts ??= summary.results.length;
        measurements.push(measurementOf(summary, workers));
      }
    }
    return { status: 'ok', measurements, skipped, parts: parts ?? 0 };
  } finally {
    await rm(outputFolder, { recursive: true, force: true });
  }
}

function measured(measurements: readonly ScalingMeasurement[], workers: number): boolean {
  return measurements.some((measurement) => measurement.workers === workers);
}

function failuresOf(summary: ScalingRunSummary): ScalingFailure[] {
  return summary.results
    .filter((result) => result.status !== 'ok')
    .map((result) => ({ part: result.job.name, failure: result.failure }));
}

function measurementOf(summary: ScalingRunSummary, requestedWorkers: number): ScalingMeasurement {
  const seconds = summary.results.map((result) => result.seconds);
  return {
    workers: summary.concurrency,
    requestedWorkers,
    wallSeconds: summary.wallSeconds,
    partSeconds: seconds.reduce((sum, value) => sum + value, 0),
    lowerBoundSeconds: lowerBoundSeconds(seconds, summary.concurrency),
    partEngines: Object.fromEntries(
      summary.results.map((result) => [result.job.id, result.engine]),
    ),
    engines: summary.engines,
  };
}
