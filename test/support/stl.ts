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
