import { describe, expect, it } from 'vitest';
import { axisTicks } from '../../src/bench/axis-ticks.js';

describe('axisTicks', () => {
  it('steps a worker axis by 1 while that gives few enough ticks', () => {
    expect(axisTicks(6, { maxIntervals: 10, integer: true })).toEqual({
      max: 6,
      values: [0, 1, 2, 3, 4, 5, 6],
    });
  });

  it('steps a longer worker axis by a power of two and ends on a tick at or past the end', () => {
    expect(axisTicks(12, { maxIntervals: 10, integer: true })).toEqual({
      max: 12,
      values: [0, 2, 4, 6, 8, 10, 12],
    });
    expect(axisTicks(48, { maxIntervals: 10, integer: true }).values).toEqual([
      0, 8, 16, 24, 32, 40, 48,
    ]);
    expect(axisTicks(33, { maxIntervals: 10, integer: true }).max).toBe(36);
  });

  it('steps a ratio axis by 1, 2 or 5 times a power of ten, without rounding noise', () => {
    expect(axisTicks(1, { maxIntervals: 8, integer: false }).values).toEqual([
      0, 0.2, 0.4, 0.6, 0.8, 1,
    ]);
    expect(axisTicks(3.2, { maxIntervals: 8, integer: false })).toEqual({
      max: 3.5,
      values: [0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5],
    });
    expect(axisTicks(0.3, { maxIntervals: 8, integer: false }).values).toEqual([
      0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3,
    ]);
    expect(axisTicks(17, { maxIntervals: 8, integer: false }).values).toEqual([0, 5, 10, 15, 20]);
  });

  it('never has more intervals than allowed', () => {
    for (const max of [0.7, 1, 2.3, 9.9, 10, 11, 57, 130]) {
      const ticks = axisTicks(max, { maxIntervals: 8, integer: false });
      expect(ticks.values.length - 1).toBeLessThanOrEqual(8);
      expect(ticks.max).toBeGreaterThanOrEqual(max);
    }
  });

  it('gives a usable axis for nothing to show', () => {
    expect(axisTicks(0, { maxIntervals: 8, integer: true })).toEqual({ max: 1, values: [0, 1] });
    expect(axisTicks(Number.NaN, { maxIntervals: 8, integer: false }).max).toBe(1);
  });
});
