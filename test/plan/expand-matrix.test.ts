import { describe, expect, it } from 'vitest';
import { expandMatrix } from '../../src/plan/expand-matrix.js';

describe('expandMatrix', () => {
  it('gives the cross product with the first variable changing slowest', () => {
    expect(expandMatrix({ size: [10, 20], wall: [1, 2, 3] })).toEqual([
      { size: 10, wall: 1 },
      { size: 10, wall: 2 },
      { size: 10, wall: 3 },
      { size: 20, wall: 1 },
      { size: 20, wall: 2 },
      { size: 20, wall: 3 },
    ]);
  });

  it('keeps values of every type, lists and undef included', () => {
    expect(expandMatrix({ label: ['a', null], size: [[1, 2]] })).toEqual([
      { label: 'a', size: [1, 2] },
      { label: null, size: [1, 2] },
    ]);
  });

  it('gives one empty combination for an empty matrix and none when a variable has no values', () => {
    expect(expandMatrix({})).toEqual([{}]);
    expect(expandMatrix({ size: [10, 20], wall: [] })).toEqual([]);
  });
});
