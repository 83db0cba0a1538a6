import { describe, expect, it } from 'vitest';
import { MeshMeasurer } from '../../src/formats/mesh-measurer.js';
import { UnreadableOutputError } from '../../src/formats/unreadable-output-error.js';
import { tetrahedron } from './support/stl-files.js';

type Point = readonly [number, number, number];

/** Measures faces given by their corner points, each face counter-clockwise seen from outside. */
function measureFaces(faces: readonly (readonly Point[])[]) {
  const mesh = new MeshMeasurer();
  for (const face of faces) {
    const corners = face.map(([x, y, z]) => mesh.vertex(x, y, z));
    if (corners.length === 3) mesh.triangle(corners[0] ?? 0, corners[1] ?? 0, corners[2] ?? 0);
    else mesh.polygon(corners, corners.length);
  }
  return mesh.measure();
}

/** The six quads of a box from `low` to `high`, counter-clockwise seen from outside. */
function box(low: Point, high: Point): Point[][] {
  const [x0, y0, z0] = low;
  const [x1, y1, z1] = high;
  return [
    [
      [x0, y0, z0],
      [x0, y1, z0],
      [x1, y1, z0],
      [x1, y0, z0],
    ],
    [
      [x0, y0, z1],
      [x1, y0, z1],
      [x1, y1, z1],
      [x0, y1, z1],
    ],
    [
      [x0, y0, z0],
      [x1, y0, z0],
      [x1, y0, z1],
      [x0, y0, z1],
    ],
    [
      [x0, y1, z0],
      [x0, y1, z1],
      [x1, y1, z1],
      [x1, y1, z0],
    ],
    [
      [x0, y0, z0],
      [x0, y0, z1],
      [x0, y1, z1],
      [x0, y1, z0],
    ],
    [
      [x1, y0, z0],
      [x1, y1, z0],
      [x1, y1, z1],
      [x1, y0, z1],
    ],
  ];
}

describe('MeshMeasurer', () => {
  it('measures a tetrahedron: volume, surface, bounds, triangles, closed', () => {
    const measure = measureFaces(tetrahedron);
    expect(measure).toEqual({
      kind: '3d',
      volume: expect.closeTo(1 / 6, 15) as unknown,
      area: expect.closeTo(1.5 + Math.sqrt(3) / 2, 14) as unknown,
      bounds: { min: [0, 0, 0], max: [1, 1, 1] },
      triangles: 4,
      closed: true,
      openEdges: 0,
      nonManifoldEdges: 0,
    });
  });

  it('gives a negative volume for faces wound inside out', () => {
    const measure = measureFaces(tetrahedron.map((face) => [...face].reverse()));
    expect(measure.volume).toBeCloseTo(-1 / 6, 15);
  });

  it('measures a box far from the origin without losing digits', () => {
    const measure = measureFaces(box([1e7, 1e7, 1e7], [1e7 + 1, 1e7 + 2, 1e7 + 3]));
    expect(measure.volume).toBe(6);
    expect(measure.area).toBe(22);
    expect(measure.triangles).toBe(12);
  });

  it('takes the area of a non-convex face from its outline, not from a fan', () => {
    // A U-shaped prism (as test/fixtures/outputs/models/u-prism.scad): the fan from the first
    // corner of a U crosses outside it, and the fan's triangle areas add up to more than 96.
    const u: [number, number][] = [
      [0, 0],
      [12, 0],
      [12, 10],
      [8, 10],
      [8, 4],
      [4, 4],
      [4, 10],
      [0, 10],
    ];
    const faces: Point[][] = [
      u.map(([x, y]) => [x, y, 0] as const).reverse(),
      u.map(([x, y]) => [x, y, 5] as const),
      ...u.map(([x, y], at) => {
        const [nx, ny] = u[(at + 1) % u.length] ?? [0, 0];
        return [
          [x, y, 0],
          [nx, ny, 0],
          [nx, ny, 5],
          [x, y, 5],
        ] as Point[];
      }),
    ];
    const measure = measureFaces(faces);
    expect(measure.volume).toBe(480);
    expect(measure.area).toBe(2 * 96 + 56 * 5);
    expect(measure.closed).toBe(true);
  });

  it('drops a corner that repeats its neighbour, and faces left with no area', () => {
    // A pyramid whose sides are quads with two corners at the apex, as sweep libraries write them.
    const apex: Point = [5, 5, 6];
    const base: Point[] = [
      [0, 0, 0],
      [10, 0, 0],
      [10, 10, 0],
      [0, 10, 0],
    ];
    const faces: Point[][] = [
      [...base].reverse(),
      ...base.map((corner, at) => [corner, base[(at + 1) % 4] ?? corner, apex, apex]),
      [apex, apex, apex],
    ];
    const measure = measureFaces(faces);
    expect(measure.volume).toBeCloseTo(200, 12);
    expect(measure.triangles).toBe(2 + 4);
    expect(measure.closed).toBe(true);
  });

  it('finds a mesh with a face missing open', () => {
    expect(measureFaces(box([0, 0, 0], [1, 1, 1]).slice(1)).closed).toBe(false);
  });

  it('finds two boxes sharing an edge not closed, as four faces meet there, but measures them', () => {
    const measure = measureFaces([...box([0, 0, 0], [1, 1, 1]), ...box([1, 1, 0], [2, 2, 1])]);
    expect(measure.closed).toBe(false);
    expect(measure.volume).toBe(2);
  });

  it('finds a face used twice not closed', () => {
    const [first = []] = tetrahedron;
    expect(measureFaces([...tetrahedron, first, [...first].reverse()]).closed).toBe(false);
  });

  it('refuses a mesh without a face of any area', () => {
    expect(() => measureFaces([])).toThrow(UnreadableOutputError);
    expect(() =>
      measureFaces([
        [
          [1, 1, 1],
          [1, 1, 1],
          [2, 2, 2],
        ],
      ]),
    ).toThrow('the mesh has no faces');
  });

  it('takes polygons of any size', () => {
    const corners = 1000;
    const ring = Array.from({ length: corners }, (_, at): [number, number] => [
      Math.cos((2 * Math.PI * at) / corners),
      Math.sin((2 * Math.PI * at) / corners),
    ]);
    const faces: Point[][] = [
      ring.map(([x, y]) => [x, y, 0] as const).reverse(),
      ring.map(([x, y]) => [x, y, 1] as const),
      ...ring.map(([x, y], at) => {
        const [nx, ny] = ring[(at + 1) % corners] ?? [0, 0];
        return [
          [x, y, 0],
          [nx, ny, 0],
          [nx, ny, 1],
          [x, y, 1],
        ] as Point[];
      }),
    ];
    const measure = measureFaces(faces);
    expect(measure.volume).toBeCloseTo(0.5 * corners * Math.sin((2 * Math.PI) / corners), 12);
    expect(measure.triangles).toBe(2 * (corners - 2) + 2 * corners);
    expect(measure.closed).toBe(true);
  });
});
