import { describe, expect, it } from 'vitest';
import { chainSegments } from '../../src/formats/chain-segments.js';
import { UnreadableOutputError } from '../../src/formats/unreadable-output-error.js';

/** The edges of a closed ring of points, `x1 y1 x2 y2` each. */
function edgesOf(points: readonly (readonly [number, number])[]): number[] {
  return points.flatMap(([x, y], at) => {
    const [nx, ny] = points[(at + 1) % points.length] ?? [x, y];
    return [x, y, nx, ny];
  });
}

/** The rings as sorted lists of their points, to compare without caring where each ring starts. */
function pointSets(rings: readonly Float64Array[]): string[] {
  return rings
    .map((ring) => {
      const points: string[] = [];
      for (let at = 0; at < ring.length; at += 2) points.push(`${ring[at]},${ring[at + 1]}`);
      return points.sort().join(' ');
    })
    .sort();
}

const square: [number, number][] = [
  [0, 0],
  [10, 0],
  [10, 10],
  [0, 10],
];
const touching: [number, number][] = [
  [10, 10],
  [20, 10],
  [20, 20],
  [10, 20],
];

describe('chainSegments', () => {
  it('joins the edges of a contour, given in order, into one ring', () => {
    const rings = chainSegments(edgesOf(square));
    expect(rings).toHaveLength(1);
    expect(pointSets(rings)).toEqual(['0,0 0,10 10,0 10,10']);
  });

  it('joins edges given in any order and either direction', () => {
    const edges = edgesOf(square);
    const shuffled = [
      ...edges.slice(8, 12),
      edges[6],
      edges[7],
      edges[4],
      edges[5],
      ...edges.slice(0, 4),
      ...edges.slice(12),
    ];
    expect(pointSets(chainSegments(shuffled.map((value) => value ?? 0)))).toEqual([
      '0,0 0,10 10,0 10,10',
    ]);
  });

  it('keeps two contours that touch at a corner as two rings, whichever edge the walk takes', () => {
    for (const edges of [
      [...edgesOf(square), ...edgesOf(touching)],
      [...edgesOf(touching), ...edgesOf(square)],
    ]) {
      expect(pointSets(chainSegments(edges))).toEqual([
        '0,0 0,10 10,0 10,10',
        '10,10 10,20 20,10 20,20',
      ]);
    }
  });

  it('drops edges of no length', () => {
    expect(chainSegments([...edgesOf(square), 5, 5, 5, 5])).toHaveLength(1);
  });

  it('refuses edges that do not close, naming where the outline ends', () => {
    const open = edgesOf(square).slice(0, 12);
    expect(() => chainSegments(open)).toThrow(UnreadableOutputError);
    expect(() => chainSegments(open)).toThrow(/an outline does not close: it ends at (0,0|0,10)/);
  });

  it('gives no rings for no edges', () => {
    expect(chainSegments([])).toEqual([]);
  });
});
