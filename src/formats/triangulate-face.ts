import earcut from 'earcut';

/** Receives each triangle of a face, as vertex indices. */
export type TriangleSink = (a: number, b: number, c: number) => void;

/**
 * Emits the triangles of one polygon face, in the face's winding, as vertex indices. Faces with
 * more than three corners (OpenSCAD keeps the faces of primitives and polyhedra whole, and CGAL's
 * may be non-convex) are triangulated with earcut on the face's dominant plane, keeping every
 * corner so that a mesh stays watertight.
 *
 * @param positions Every vertex's x y z, by index.
 */
export function triangulateFace(
  corners: readonly number[],
  positions: ArrayLike<number>,
  emit: TriangleSink,
): void {
  const corner = (index: number): number => corners[index] ?? 0;
  if (corners.length === 3) {
    emit(corner(0), corner(1), corner(2));
    return;
  }
  const coordinate = (index: number, axis: number): number =>
    positions[corner(index) * 3 + axis] ?? 0;

  // Newell's method: the face normal, whatever the face's convexity.
  const normal = [0, 0, 0];
  for (let index = 0; index < corners.length; index += 1) {
    const next = (index + 1) % corners.length;
    for (let axis = 0; axis < 3; axis += 1) {
      const [a, b] = [(axis + 1) % 3, (axis + 2) % 3];
      normal[axis] =
        (normal[axis] ?? 0) +
        (coordinate(index, a) - coordinate(next, a)) * (coordinate(index, b) + coordinate(next, b));
    }
  }
  const magnitudes = normal.map(Math.abs);
  const dominant = magnitudes.indexOf(Math.max(...magnitudes));
  const facing = Math.sign(normal[dominant] ?? 0);

  let local: [number, number, number][] = [];
  if (facing !== 0) {
    // Dropping the dominant axis and keeping the other two in cyclic order projects the face so
    // that its winding is counter-clockwise exactly when the normal points along that axis.
    const [u, v] = [(dominant + 1) % 3, (dominant + 2) % 3];
    const flat: number[] = [];
    for (let index = 0; index < corners.length; index += 1) {
      flat.push(coordinate(index, u), coordinate(index, v));
    }
    const at = (index: number): number => flat[index] ?? 0;
    const found = earcut(flat);
    for (let index = 0; index + 2 < found.length; index += 3) {
      const [a = 0, b = 0, c = 0] = found.slice(index, index + 3);
      const cross =
        (at(2 * b) - at(2 * a)) * (at(2 * c + 1) - at(2 * a + 1)) -
        (at(2 * b + 1) - at(2 * a + 1)) * (at(2 * c) - at(2 * a));
      local.push(cross * facing < 0 ? [a, c, b] : [a, b, c]);
    }
  }
  if (local.length === 0) {
    // No area to share out (all corners on a line): a fan keeps the edges.
    for (let index = 1; index + 1 < corners.length; index += 1) local.push([0, index, index + 1]);
  }
  local = restoreDroppedCorners(local, corners.length);
  for (const [a, b, c] of local) emit(corner(a), corner(b), corner(c));
}

/**
 * Earcut leaves out corners that lie on a straight edge or repeat their neighbour. Neighbouring
 * faces still use those corners, so a mesh without them has cracks: split each triangle edge that
 * skips corners at those corners. Triangles are in face winding, corners numbered along the face.
 */
function restoreDroppedCorners(
  triangles: [number, number, number][],
  cornerCount: number,
): [number, number, number][] {
  const used = new Set(triangles.flat());
  if (used.size === cornerCount) return triangles;
  const skipped = (from: number, to: number): number[] => {
    const between: number[] = [];
    for (let index = (from + 1) % cornerCount; index !== to; index = (index + 1) % cornerCount) {
      if (used.has(index)) return [];
      between.push(index);
    }
    return between;
  };
  const done: [number, number, number][] = [];
  const queue = [...triangles];
  for (let triangle = queue.pop(); triangle !== undefined; triangle = queue.pop()) {
    const [a, b, c] = triangle;
    const edge = [[a, b, c] as const, [b, c, a] as const, [c, a, b] as const].find(
      ([from, to]) => skipped(from, to).length > 0,
    );
    if (edge === undefined) {
      done.push(triangle);
      continue;
    }
    const [from, to, apex] = edge;
    const chain = [from, ...skipped(from, to), to];
    for (let index = 0; index + 1 < chain.length; index += 1) {
      queue.push([chain[index] ?? from, chain[index + 1] ?? to, apex]);
    }
  }
  return done;
}
