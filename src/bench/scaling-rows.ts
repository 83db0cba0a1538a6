import type { ScalingMeasurement } from './measure-scaling.js';

/** The runs of one worker count, with their ratios to the baseline. */
export interface ScalingRow extends ScalingMeasurement {
  /** The median wall time of the count's runs (`wallSeconds` too). */
  readonly wallSeconds: number;
  /** The fastest and slowest of the count's runs: the spread, equal when it ran once. */
  readonly wallMinSeconds: number;
  readonly wallMaxSeconds: number;
  /** How many times the count ran. */
  readonly runs: number;
  /** The baseline's median wall time divided by this one's. */
  readonly speedup: number;
  /** The speed-ups of the slowest and the fastest run, against the baseline's median. */
  readonly speedupMin: number;
  readonly speedupMax: number;
  /** `speedup` divided by the workers added over the baseline's (`workers / baselineWorkers`). */
  readonly efficiency: number;
}

/** Every count's ratios, and the count they are relative to. */
export interface ScalingRows {
  /** Workers of the baseline run: 1 when it was measured, else the smallest count measured. */
  readonly baselineWorkers: number;
  readonly rows: readonly ScalingRow[];
}

/**
 * Relates every worker count to the one with the fewest workers (ideally 1, so that the speed-up
 * is what parallel rendering gained over one part at a time). A count run several times
 * (`--repeat`) is its median run, with the spread kept. A run with no measurable wall time gets
 * `NaN` ratios rather than an infinite speed-up.
 */
export function scalingRows(measurements: readonly ScalingMeasurement[]): ScalingRows {
  const byWorkers = new Map<number, ScalingMeasurement[]>();
  for (const measurement of [...measurements].sort((a, b) => a.workers - b.workers)) {
    byWorkers.set(measurement.workers, [
      ...(byWorkers.get(measurement.workers) ?? []),
      measurement,
    ]);
  }
  const groups = [...byWorkers.values()];
  const baselineRuns = groups[0];
  if (baselineRuns === undefined) return { baselineWorkers: 1, rows: [] };
  const baselineWall = median(baselineRuns.map((run) => run.wallSeconds));
  const baselineWorkers = baselineRuns[0]?.workers ?? 1;
  const ratio = (wall: number): number => (wall > 0 ? baselineWall / wall : Number.NaN);
  return {
    baselineWorkers,
    rows: groups.flatMap((runs) => {
      const walls = runs.map((run) => run.wallSeconds);
      const wallSeconds = median(walls);
      // The run whose wall time is the median stands for the count (its parts, its engines).
      const typical = runs.find((run) => run.wallSeconds === wallSeconds) ?? runs[0];
      if (typical === undefined) return [];
      const speedup = ratio(wallSeconds);
      return [
        {
          ...typical,
          wallSeconds,
          lowerBoundSeconds: median(runs.map((run) => run.lowerBoundSeconds)),
          wallMinSeconds: Math.min(...walls),
          wallMaxSeconds: Math.max(...walls),
          runs: runs.length,
          speedup,
          speedupMin: ratio(Math.max(...walls)),
          speedupMax: ratio(Math.min(...walls)),
          efficiency: speedup / (typical.workers / baselineWorkers),
        },
      ];
    }),
  };
}

/** The middle value; of an even count, the lower middle one, so that it is a measured run. */
function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN;
}
