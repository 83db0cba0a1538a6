import type { ScalingMeasurement } from './measure-scaling.js';

/** A measurement with its ratios to the baseline run. */
export interface ScalingRow extends ScalingMeasurement {
  /** The baseline's wall time divided by this one's. */
  readonly speedup: number;
  /** `speedup` divided by the workers added over the baseline's (`workers / baselineWorkers`). */
  readonly efficiency: number;
}

/** Every measurement's ratios, and the run they are relative to. */
export interface ScalingRows {
  /** Workers of the baseline run: 1 when it was measured, else the smallest count measured. */
  readonly baselineWorkers: number;
  readonly rows: readonly ScalingRow[];
}

/**
 * Relates every run to the one with the fewest workers (ideally 1, so that the speed-up is what
 * parallel rendering gained over one part at a time). Ratios are of single runs. A run with no
 * measurable wall time gets `NaN` ratios rather than an infinite speed-up.
 */
export function scalingRows(measurements: readonly ScalingMeasurement[]): ScalingRows {
  const sorted = [...measurements].sort((a, b) => a.workers - b.workers);
  const baseline = sorted[0];
  if (baseline === undefined) return { baselineWorkers: 1, rows: [] };
  return {
    baselineWorkers: baseline.workers,
    rows: sorted.map((measurement) => {
      const speedup =
        measurement.wallSeconds > 0 ? baseline.wallSeconds / measurement.wallSeconds : Number.NaN;
      return {
        ...measurement,
        speedup,
        efficiency: speedup / (measurement.workers / baseline.workers),
      };
    }),
  };
}
