import { unzipSync } from 'fflate';

/** A triangle soup: for each triangle, the x, y, z of its three corners (9 numbers). */
export type Triangles = readonly number[];

/** The triangles of an ASCII or binary STL file. */
export function stlTriangles(bytes: Uint8Array): Triangles {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length >= 84 && bytes.length === 84 + 50 * view.getUint32(80, true)) {
    const out: number[] = [];
    for (let offset = 84; offset < bytes.length; offset += 50) {
      for (let value = 3; value < 12; value += 1)
        out.push(view.getFloat32(offset + 4 * value, true));
    }
    return out;
  }
  const text = new TextDecoder().decode(bytes);
  return [...text.matchAll(/vertex\s+(\S+)\s+(\S+)\s+(\S+)/g)].flatMap((match) =>
    match.slice(1, 4).map(Number),
  );
}

/** A 3MF package's vertices and triangles (vertex indices), read back from its model XML. */
export function read3mfMesh(bytes: Uint8Array): { vertices: number[][]; indices: number[][] } {
  const model = unzipSync(bytes)['3D/3dmodel.model'];
  if (model === undefined) throw new Error('no 3D/3dmodel.model in the package');
  const xml = new TextDecoder().decode(model);
  const vertices = [...xml.matchAll(/<vertex x="([^"]*)" y="([^"]*)" z="([^"]*)"\/>/g)].map(
    (match) => match.slice(1, 4).map(Number),
  );
  const indices = [...xml.matchAll(/<triangle v1="(\d+)" v2="(\d+)" v3="(\d+)"\/>/g)].map((match) =>
    match.slice(1, 4).map(Number),
  );
  return { vertices, indices };
}

/** The triangle soup of an indexed mesh. */
export function soup(mesh: { vertices: number[][]; indices: number[][] }): Triangles {
  return mesh.indices.flatMap((triangle) =>
    triangle.flatMap((index) => mesh.vertices[index] ?? []),
  );
}

/** The signed volume enclosed by a closed triangle mesh: positive when its normals point out. */
export function signedVolume(triangles: Triangles): number {
  let sum = 0;
  for (let index = 0; index + 8 < triangles.length; index += 9) {
    const [ax = 0, ay = 0, az = 0, bx = 0, by = 0, bz = 0, cx = 0, cy = 0, cz = 0] =
      triangles.slice(index, index + 9);
    sum += ax * (by * cz - bz * cy) - ay * (bx * cz - bz * cx) + az * (bx * cy - by * cx);
  }
  return sum / 6;
}

/** The total area of the triangles, each counted as positive. */
export function surfaceArea(triangles: Triangles): number {
  let sum = 0;
  for (let index = 0; index + 8 < triangles.length; index += 9) {
    const [ax = 0, ay = 0, az = 0, bx = 0, by = 0, bz = 0, cx = 0, cy = 0, cz = 0] =
      triangles.slice(index, index + 9);
    const [ux, uy, uz, vx, vy, vz] = [bx - ax, by - ay, bz - az, cx - ax, cy - ay, cz - az];
    sum += Math.hypot(uy * vz - uz * vy, uz * vx - ux * vz, ux * vy - uy * vx) / 2;
  }
  return sum;
}

/**
 * Directed edges of the faces (triangles or polygons, as vertex indices) that are not matched by
 * exactly one opposite edge: empty for a closed, consistently oriented (watertight) mesh. An edge
 * from a vertex to itself (a face that repeats a corner) has no length and is left out.
 */
export function unmatchedEdges(faces: readonly (readonly number[])[]): string[] {
  const count = new Map<string, number>();
  for (const face of faces) {
    face.forEach((from, corner) => {
      const to = face[(corner + 1) % face.length];
      if (to === from) return;
      const key = `${from}>${to}`;
      count.set(key, (count.get(key) ?? 0) + 1);
    });
  }
  return [...count]
    .flatMap(([key, times]) => {
      const [from, to] = key.split('>');
      return times === 1 && count.get(`${to}>${from}`) === 1 ? [] : [key];
    })
    .sort();
}
