/** Distinct vertices of an ASCII STL: a cylinder with `$fn = n` has 2n, whatever the triangulation. */
export function stlVertexCount(stl: string): number {
  const vertices = new Set<string>();
  for (const match of stl.matchAll(/vertex\s+(\S+)\s+(\S+)\s+(\S+)/g)) {
    vertices.add(
      match
        .slice(1, 4)
        .map((value) => Number(value).toFixed(4))
        .join(','),
    );
  }
  return vertices.size;
}

/** Facets of an ASCII STL. */
export function stlFacetCount(stl: string): number {
  return stl.match(/facet normal/g)?.length ?? 0;
}

/** The axis-aligned bounds of an ASCII STL: `[min, max]` corners. */
export function stlBounds(stl: string): [[number, number, number], [number, number, number]] {
  const min: [number, number, number] = [Infinity, Infinity, Infinity];
  const max: [number, number, number] = [-Infinity, -Infinity, -Infinity];
  for (const match of stl.matchAll(/vertex\s+(\S+)\s+(\S+)\s+(\S+)/g)) {
    for (let axis = 0; axis < 3; axis++) {
      const value = Number(match[axis + 1]);
      min[axis] = Math.min(min[axis] ?? value, value);
      max[axis] = Math.max(max[axis] ?? value, value);
    }
  }
  return [min, max];
}

/** The size of an ASCII STL's bounding box along x, y and z, rounded to 0.01. */
export function stlSize(stl: string): [number, number, number] {
  const [min, max] = stlBounds(stl);
  return [0, 1, 2].map((axis) => Math.round(((max[axis] ?? 0) - (min[axis] ?? 0)) * 100) / 100) as [
    number,
    number,
    number,
  ];
}
