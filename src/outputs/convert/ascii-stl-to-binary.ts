import { readStl } from '../../formats/read-stl.js';

/**
 * Rewrites an STL as binary STL: 80 header bytes, the facet count, then per facet its normal,
 * three corners (float32, little-endian) and two attribute bytes. A file that is binary already is
 * answered as it is. Corners keep their order; normals are computed from the winding, as
 * OpenSCAD's own binary export does.
 *
 * @throws {UnreadableOutputError} when the bytes are not an STL.
 */
export function asciiStlToBinary(bytes: Uint8Array): Uint8Array {
  if (isBinaryStl(bytes)) return bytes;
  const points: number[] = [];
  const triangles: number[] = [];
  readStl(bytes, {
    vertex: (x, y, z) => points.push(x, y, z) / 3 - 1,
    triangle: (a, b, c) => {
      triangles.push(a, b, c);
    },
    polygon: () => {
      throw new Error('an STL has only triangles');
    },
  });
  const facets = triangles.length / 3;
  const out = new Uint8Array(84 + 50 * facets);
  const view = new DataView(out.buffer);
  out.set(new TextEncoder().encode('OpenSCAD Model, binary STL written by parascad'));
  view.setUint32(80, facets, true);
  const corner = (index: number, axis: number): number =>
    points[(triangles[index] ?? 0) * 3 + axis] ?? 0;
  for (let facet = 0; facet < facets; facet++) {
    const at = 84 + 50 * facet;
    const [ax, ay, az] = [0, 1, 2].map((axis) => corner(facet * 3, axis)) as [
      number,
      number,
      number,
    ];
    const [bx, by, bz] = [0, 1, 2].map((axis) => corner(facet * 3 + 1, axis)) as [
      number,
      number,
      number,
    ];
    const [cx, cy, cz] = [0, 1, 2].map((axis) => corner(facet * 3 + 2, axis)) as [
      number,
      number,
      number,
    ];
    const ux = bx - ax,
      uy = by - ay,
      uz = bz - az;
    const vx = cx - ax,
      vy = cy - ay,
      vz = cz - az;
    let nx = uy * vz - uz * vy;
    let ny = uz * vx - ux * vz;
    let nz = ux * vy - uy * vx;
    const length = Math.hypot(nx, ny, nz);
    if (length > 0) {
      nx /= length;
      ny /= length;
      nz /= length;
    }
    [nx, ny, nz, ax, ay, az, bx, by, bz, cx, cy, cz].forEach((value, index) => {
      view.setFloat32(at + 4 * index, value, true);
    });
  }
  return out;
}

/** True when the size is exactly that of a binary STL of the facet count its header gives. */
export function isBinaryStl(bytes: Uint8Array): boolean {
  if (bytes.length < 84) return false;
  const facets = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(80, true);
  return bytes.length === 84 + 50 * facets;
}
