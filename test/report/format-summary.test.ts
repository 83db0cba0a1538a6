import { describe, expect, it } from 'vitest';
import { formatSummary } from '../../src/report/format-summary.js';
import { failedResult, gear, lid, okResult, projectDir, summaryOf } from './support/run-fixture.js';

describe('formatSummary', () => {
  it('says how close the schedule came to the lower bound', () => {
    const results = [
      okResult(gear, 10),
      okResult(lid, 6),
      failedResult(lid, 2, { kind: 'exit-code', code: 1 }),
    ];
    expect(
      formatSummary(
        { ...summaryOf(results, 12.5, 2), retries: 3 },
        { cwd: projectDir, color: false },
      ),
    ).toEqual([
      '',
      '3 parts: 2 ok, 1 failed · 3 retries',
      'wall 12.5s · sum of parts 18.0s · speed-up 1.4× on 2 workers · lower bound 10.0s (80% of ideal)',
      'outputs in outputs/',
    ]);
  });

  it('leaves out the percentage when the run took no time to measure', () => {
    const summary = {
      ...summaryOf([okResult(gear, 0)], 0, 1),
      speedup: 1,
      scheduleEfficiency: NaN,
    };
    expect(formatSummary(summary, { cwd: projectDir, color: false })[2]).toBe(
      'wall 0.00s · sum of parts 0.00s · speed-up 1.0× on 1 worker · lower bound 0.00s',
    );
  });
});
