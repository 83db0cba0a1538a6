import { describe, expect, it } from 'vitest';
import { VertexWelder } from '../../src/formats/vertex-welder.js';

describe('VertexWelder', () => {
  it('gives equal coordinates one index and different ones the next', () => {
    const welder = new VertexWelder();
    expect(welder.index(1, 2, 3)).toBe(0);
    expect(welder.index(1, 2, 3.0000000000000004)).toBe(1);
    expect(welder.index(1, 2, 3)).toBe(0);
    expect(welder.index(3, 2, 1)).toBe(2);
    expect(welder.count).toBe(3);
    expect([...welder.positions]).toEqual([1, 2, 3, 1, 2, 3.0000000000000004, 3, 2, 1]);
  });

  it('takes -0 for 0, as the coordinate it is', () => {
    const welder = new VertexWelder();
    expect(welder.index(0, -0, 5)).toBe(welder.index(-0, 0, 5));
    expect(Object.is(welder.positions[1], 0)).toBe(true);
  });

  it('keeps every point apart through growth, for a grid of 300,000 points', () => {
    const welder = new VertexWelder();
    const side = 67;
    const misplaced: string[] = [];
    for (let round = 0; round < 2; round += 1) {
      let expected = 0;
      for (let x = 0; x < side; x += 1) {
        for (let y = 0; y < side; y += 1) {
          for (let z = 0; z < side; z += 1) {
            const index = welder.index(x * 0.1, y * 0.1, z * 0.1);
            if (index !== expected) misplaced.push(`${x},${y},${z}: ${index} for ${expected}`);
            expected += 1;
          }
        }
      }
    }
    expect(misplaced.slice(0, 5)).toEqual([]);
    expect(welder.count).toBe(side ** 3);
    expect(welder.positions.subarray(-3)).toEqual(
      Float64Array.of(6.6000000000000005, 6.6000000000000005, 6.6000000000000005),
    );
  });
});
