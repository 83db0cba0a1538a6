import { describe, expect, it } from 'vitest';
import { estimateRemaining } from '../../src/report/estimate-remaining.js';

describe('estimateRemaining', () => {
  it('is zero when nothing is left', () => {
    expect(estimateRemaining({ running: [], pending: [], concurrency: 4 })).toBe(0);
  });

  it('is what the longest running part has left when the rest fits beside it', () => {
    expect(
      estimateRemaining({
        running: [
          { expectedSeconds: 30, elapsedSeconds: 12 },
          { expectedSeconds: 4, elapsedSeconds: 2 },
        ],
        pending: [3],
        concurrency: 2,
      }),
    ).toBe(18);
  });

  it('counts a running part past its estimate for as long again as it overran it, at least a little', () => {
    const overdue = (elapsedSeconds: number) => ({
      running: [{ expectedSeconds: 10, elapsedSeconds }],
      pending: [],
      concurrency: 2,
    });
    expect(estimateRemaining(overdue(10.5))).toBe(1);
    expect(estimateRemaining(overdue(10.5), { overdueSeconds: 5 })).toBe(5);
    // Two minutes past a 10 s estimate: no longer "1s" left.
    expect(estimateRemaining(overdue(130))).toBe(120);
  });

  it('spreads the work left over the workers when there are more parts than workers', () => {
    expect(estimateRemaining({ running: [], pending: [10, 10, 10, 10], concurrency: 2 })).toBe(20);
    expect(
      estimateRemaining({
        running: [
          { expectedSeconds: 8, elapsedSeconds: 2 },
          { expectedSeconds: 8, elapsedSeconds: 6 },
        ],
        pending: [6, 6, 6, 6],
        concurrency: 2,
      }),
    ).toBe(16);
  });

  it('never says less than the longest part that has not started, since it runs whole', () => {
    expect(estimateRemaining({ running: [], pending: [30, 1, 1], concurrency: 8 })).toBe(30);
  });

  it('adds what an overdue part is assumed to need to the work spread over the workers', () => {
    expect(
      estimateRemaining({
        running: [{ expectedSeconds: 10, elapsedSeconds: 15 }],
        pending: [5, 5, 5],
        concurrency: 3,
      }),
    ).toBeCloseTo(20 / 3);
  });

  it('counts parts never rendered for the estimate they were given', () => {
    // An unknown part's guess is an expected time like any other: three guessed 4 s parts on 1 worker.
    expect(estimateRemaining({ running: [], pending: [4, 4, 4], concurrency: 1 })).toBe(12);
  });

  it('treats a concurrency below one as one worker', () => {
    expect(estimateRemaining({ running: [], pending: [2, 3], concurrency: 0 })).toBe(5);
  });
});
