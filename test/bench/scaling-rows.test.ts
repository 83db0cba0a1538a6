import { describe, expect, it } from 'vitest';
import type { ScalingMeasurement } from '../../src/bench/measure-scaling.js';
import { scalingRows } from '../../src/bench/scaling-rows.js';

function measurement(workers: number, wallSeconds: number): ScalingMeasurement {
  return {
    workers,
    requestedWorkers: workers,
    wallSeconds,
    partSeconds: 8,
    lowerBoundSeconds: 8 / workers,
    partEngines: {},
    engines: [],
  };
}

describe('scalingRows', () => {
  it('relates every run to the 1-worker run', () => {
    const { baselineWorkers, rows } = scalingRows([
      measurement(1, 8),
      measurement(2, 5),
      measurement(4, 2.5),
    ]);
    expect(baselineWorkers).toBe(1);
    expect(rows.map((row) => [row.workers, row.speedup, row.efficiency])).toEqual([
      [1, 1, 1],
      [2, 1.6, 0.8],
      [4, 3.2, 0.8],
    ]);
  });

  it('uses the smallest count measured when 1 worker was not, and scales efficiency by it', () => {
    const { baselineWorkers, rows } = scalingRows([measurement(8, 2), measurement(2, 6)]);
    expect(baselineWorkers).toBe(2);
    expect(rows.map((row) => [row.workers, row.speedup, row.efficiency])).toEqual([
      [2, 1, 1],
      [8, 3, 0.75],
    ]);
  });

  it('gives no ratio rather than an infinite one for a run with no measurable time', () => {
    const { rows } = scalingRows([measurement(1, 1), measurement(2, 0)]);
    expect(rows[1]?.speedup).toBeNaN();
    expect(rows[1]?.efficiency).toBeNaN();
  });

  it('has no rows and a baseline of 1 when nothing was measured', () => {
    expect(scalingRows([])).toEqual({ baselineWorkers: 1, rows: [] });
  });
});

describe('scalingRows with a count run more than once', () => {
  it('takes the median run of each count and keeps the spread', () => {
    const { rows } = scalingRows([
      measurement(1, 8),
      measurement(1, 10),
      measurement(1, 9),
      measurement(2, 5),
      measurement(2, 4),
    ]);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      workers: 1,
      runs: 3,
      wallSeconds: 9,
      wallMinSeconds: 8,
      wallMaxSeconds: 10,
      speedup: 1,
    });
    expect(rows[1]).toMatchObject({
      workers: 2,
      runs: 2,
      wallSeconds: 4,
      wallMinSeconds: 4,
      wallMaxSeconds: 5,
      speedup: 9 / 4,
      speedupMin: 9 / 5,
      speedupMax: 9 / 4,
    });
  });
});
