/** A triangle as its three corners. */
export type Triangle = readonly [number, number, number][];

/** A unit tetrahedron's four faces, wound outwards. */
export const tetrahedron: Triangle[] = [
  [
    [0, 0, 0],
    [0, 1, 0],
    [1, 0, 0],
  ],
  [
    [0, 0, 0],
    [1, 0, 0],
    [0, 0, 1],
  ],
  [
    [0, 0, 0],
    [0, 0, 1],
    [0, 1, 0],
  ],
  [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ],
];

/** An ASCII STL of the triangles. */
export function asciiStl(triangles: readonly Triangle[], name = 'OpenSCAD_Model'): string {
  const facets = triangles.map(
    (corners) =>
      `  facet normal 0 0 0\n    outer loop\n${corners.map((point) => `      vertex ${point.join(' ')}\n`).join('')}    endloop\n  endfacet\n`,
  );
  return `solid ${name}\n${facets.join('')}endsolid ${name}\n`;
}

/** A binary STL of the triangles. */
export function binaryStl(triangles: readonly Triangle[], header = ''): Uint8Array {
  const bytes = new Uint8Array(84 + 50 * triangles.length);
  const view = new DataView(bytes.buffer);
  bytes.set(new TextEncoder().encode(header.slice(0, 80)));
  view.setUint32(80, triangles.length, true);
  triangles.forEach((corners, facet) => {
    corners.forEach((point, corner) => {
      point.forEach((value, axis) => {
        view.setFloat32(84 + 50 * facet + 12 + 12 * corner + 4 * axis, value, true);
      });
    });
  });
  return bytes;
}
