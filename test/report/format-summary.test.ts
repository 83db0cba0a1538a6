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
      ...summaryOf([okResult(gear, 0), okResult(lid, 0)], 0, 2),
      speedup: 1,
      scheduleEfficiency: NaN,
    };
    expect(formatSummary(summary, { cwd: projectDir, color: false })[2]).toBe(
      'wall 0.00s · sum of parts 0.00s · speed-up 1.0× on 2 workers · lower bound 0.00s',
    );
  });

  it('shows no speed-up for one worker or one part, where there is nothing to compare', () => {
    const oneWorker = summaryOf([okResult(gear, 4), okResult(lid, 5)], 9.5, 1);
    expect(formatSummary(oneWorker, { cwd: projectDir, color: false })[2]).toBe(
      'wall 9.50s · sum of parts 9.00s',
    );
    const onePart = summaryOf([okResult(gear, 4)], 4.2, 4);
    expect(formatSummary(onePart, { cwd: projectDir, color: false }).slice(1, 3)).toEqual([
      '1 part: 1 ok',
      'wall 4.20s · sum of parts 4.00s',
    ]);
  });

  it('explains the overhead when it takes most of the wall time', () => {
    // The run: `speed-up 0.3× on 1 worker · lower bound 0.16s (34% of ideal)`.
    const small = summaryOf([okResult(gear, 0.16)], 0.47, 1);
    expect(formatSummary(small, { cwd: projectDir, color: false }).slice(2, 4)).toEqual([
      'wall 0.47s · sum of parts 0.16s',
      "0.31s of the 0.47s went outside the parts' own renders (starting worker threads, reading files, writing outputs): a fixed cost per run that more workers cannot shorten",
    ]);
    const parallel = summaryOf([okResult(gear, 0.2), okResult(lid, 0.2)], 1, 2);
    expect(formatSummary(parallel, { cwd: projectDir, color: false })[3]).toMatch(
      /^0\.80s of the 1\.00s went outside/,
    );
  });
});
