import { describe, expect, it } from 'vitest';
import { formatScalingTable } from '../../src/bench/format-scaling-table.js';
import type { ScalingRow } from '../../src/bench/scaling-rows.js';

function row(values: Partial<ScalingRow> & Pick<ScalingRow, 'workers'>): ScalingRow {
  return {
    requestedWorkers: values.workers,
    wallSeconds: 1,
    partSeconds: 1,
    lowerBoundSeconds: 1,
    speedup: 1,
    efficiency: 1,
    partEngines: {},
    engines: [],
    runs: 1,
    ...values,
    wallMinSeconds: values.wallMinSeconds ?? values.wallSeconds ?? 1,
    wallMaxSeconds: values.wallMaxSeconds ?? values.wallSeconds ?? 1,
    speedupMin: values.speedupMin ?? values.speedup ?? 1,
    speedupMax: values.speedupMax ?? values.speedup ?? 1,
  };
}

describe('formatScalingTable', () => {
  it('prints a Markdown table with a right-aligned column per measure', () => {
    const table = formatScalingTable({
      baselineWorkers: 1,
      rows: [
        row({ workers: 1, wallSeconds: 2.314, speedup: 1, efficiency: 1, lowerBoundSeconds: 2.1 }),
        row({
          workers: 2,
          wallSeconds: 1.4,
          speedup: 1.6529,
          efficiency: 0.8264,
          lowerBoundSeconds: 1.05,
        }),
        row({
          workers: 12,
          wallSeconds: 123.456,
          speedup: 0.01874,
          efficiency: 0.0016,
          lowerBoundSeconds: 100,
        }),
      ],
    });
    expect(table).toBe(
      [
        '| workers | wall time | speed-up | efficiency | lower bound |',
        '| ------: | --------: | -------: | ---------: | ----------: |',
        '|       1 |     2.31s |    1.00× |       100% |       2.10s |',
        '|       2 |     1.40s |    1.65× |        83% |       1.05s |',
        '|      12 |   123.46s |    0.02× |         0% |     100.00s |',
      ].join('\n'),
    );
  });

  it('names a baseline other than 1 worker in the speed-up column', () => {
    const table = formatScalingTable({ baselineWorkers: 2, rows: [row({ workers: 2 })] });
    expect(table.split('\n')[0]).toBe(
      '| workers | wall time | speed-up vs 2 | efficiency | lower bound |',
    );
  });

  it('says when a run used fewer workers than asked, and widens the column for it', () => {
    const lines = formatScalingTable({
      baselineWorkers: 1,
      rows: [row({ workers: 2, requestedWorkers: 16 })],
    }).split('\n');
    expect(lines[2]).toBe('| 2 (16 asked) |     1.00s |    1.00× |       100% |       1.00s |');
    expect(lines.map((line) => line.length)).toEqual(lines.map(() => lines[0]?.length));
  });

  it('prints n/a for a ratio that could not be computed', () => {
    const table = formatScalingTable({
      baselineWorkers: 1,
      rows: [row({ workers: 1, speedup: Number.NaN, efficiency: Number.NaN })],
    });
    expect(table.split('\n')[2]).toBe(
      '|       1 |     1.00s |      n/a |        n/a |       1.00s |',
    );
  });
});

describe('formatScalingTable with repeated counts', () => {
  it('shows the median wall time and the fastest–slowest spread of a count run more than once', () => {
    const table = formatScalingTable({
      baselineWorkers: 1,
      rows: [
        row({ workers: 1, wallSeconds: 2, wallMinSeconds: 1.9, wallMaxSeconds: 2.4, runs: 3 }),
      ],
    });
    expect(table).toContain('| 2.00s (1.90s–2.40s, 3 runs) |');
  });
});
