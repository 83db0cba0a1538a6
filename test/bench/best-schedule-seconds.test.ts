import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bestScheduleSeconds } from '../../src/bench/best-schedule-seconds.js';
import { lowerBoundSeconds } from '../../src/bench/lower-bound-seconds.js';

/** Every assignment of the parts to the workers, for checking the search on small inputs. */
function bruteForce(parts: readonly number[], workers: number): number {
  let best = Number.POSITIVE_INFINITY;
  const loads = new Array<number>(workers).fill(0);
  const place = (index: number): void => {
    if (index === parts.length) {
      best = Math.min(best, Math.max(0, ...loads));
      return;
    }
    for (let worker = 0; worker < workers; worker++) {
      loads[worker] = (loads[worker] ?? 0) + (parts[index] ?? 0);
      place(index + 1);
      loads[worker] = (loads[worker] ?? 0) - (parts[index] ?? 0);
    }
  };
  place(0);
  return best;
}

describe('bestScheduleSeconds', () => {
  it('finds a split that longest-first misses', () => {
    // Longest first puts 3+2 and 3+2+2 → 7; the best is 3+3 and 2+2+2 → 6.
    expect(bestScheduleSeconds([3, 3, 2, 2, 2], 2)).toEqual({ seconds: 6, exact: true });
  });

  it('is the longest part when one part outlasts all the others together', () => {
    expect(bestScheduleSeconds([10, 1, 1, 1], 2)).toEqual({ seconds: 10, exact: true });
  });

  it('is the sum on one worker and 0 without parts', () => {
    expect(bestScheduleSeconds([1, 2, 3], 1).seconds).toBe(6);
    expect(bestScheduleSeconds([], 2).seconds).toBe(0);
  });

  it('answers the lower bound, marked inexact, beyond 20 parts', () => {
    const parts = Array.from({ length: 21 }, (_, index) => index + 1);
    expect(bestScheduleSeconds(parts, 2)).toEqual({
      seconds: lowerBoundSeconds(parts, 2),
      exact: false,
    });
  });

  it('equals an exhaustive search on small inputs, and never beats the lower bound', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 50 }), { maxLength: 8 }),
        fc.integer({ min: 1, max: 3 }),
        (parts, workers) => {
          const best = bestScheduleSeconds(parts, workers);
          expect(best.seconds).toBe(bruteForce(parts, workers));
          expect(best.seconds).toBeGreaterThanOrEqual(lowerBoundSeconds(parts, workers));
        },
      ),
    );
  });
});
