import { describe, expect, it } from 'vitest';
import { lowerBoundSeconds } from '../../src/bench/lower-bound-seconds.js';

describe('lowerBoundSeconds', () => {
  it('is the total work spread over the workers when no part dominates', () => {
    expect(lowerBoundSeconds([1, 2, 3, 2], 2)).toBe(4);
  });

  it('is the longest part when it alone outlasts the spread work', () => {
    expect(lowerBoundSeconds([10, 1, 1], 4)).toBe(10);
  });

  it('is the sum of the parts on one worker', () => {
    expect(lowerBoundSeconds([0.5, 1.5, 2], 1)).toBe(4);
  });

  it('is 0 for a run without parts', () => {
    expect(lowerBoundSeconds([], 3)).toBe(0);
  });

  it('refuses a worker count that is not a whole number of at least 1', () => {
    expect(() => lowerBoundSeconds([1], 0)).toThrow(RangeError);
    expect(() => lowerBoundSeconds([1], 1.5)).toThrow(RangeError);
  });
});
