/**
 * The volume and area of an OFF mesh, measured on its own polygon faces (no triangulation): the
 * reference a converted mesh must match. Faces are fanned from their first corner, which gives the
 * exact signed volume and (through Newell's normal) the exact area of planar faces of any shape.
 */
export function measureOff(off: string): {
  volume: number;
  area: number;
  /** Each face's corners, as vertex indices. */
  faces: number[][];
} {
  const lines = off
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim())
    .filter((line) => line !== '');
  const header = lines.shift() ?? '';
  const counts = header.replace(/^OFF/, '').trim() || (lines.shift() ?? '');
  const [vertexCount = 0, faceCount = 0] = counts.split(/\s+/).map(Number);
  const vertices = lines
    .slice(0, vertexCount)
    .map((line) => line.split(/\s+/).slice(0, 3).map(Number));
  let volume = 0;
  let area = 0;
  const faces: number[][] = [];
  for (const line of lines.slice(vertexCount, vertexCount + faceCount)) {
    const [size = 0, ...rest] = line.split(/\s+/).map(Number);
    faces.push(rest.slice(0, size));
    const corners = rest.slice(0, size).map((index) => vertices[index] ?? [0, 0, 0]);
    const normal = [0, 0, 0];
    for (let corner = 0; corner < corners.length; corner += 1) {
      const [px = 0, py = 0, pz = 0] = corners[corner] ?? [];
      const [qx = 0, qy = 0, qz = 0] = corners[(corner + 1) % corners.length] ?? [];
      normal[0] = (normal[0] ?? 0) + py * qz - pz * qy;
      normal[1] = (normal[1] ?? 0) + pz * qx - px * qz;
      normal[2] = (normal[2] ?? 0) + px * qy - py * qx;
    }
    const [px = 0, py = 0, pz = 0] = corners[0] ?? [];
    volume += (px * (normal[0] ?? 0) + py * (normal[1] ?? 0) + pz * (normal[2] ?? 0)) / 6;
    area += Math.hypot(normal[0] ?? 0, normal[1] ?? 0, normal[2] ?? 0) / 2;
  }
  return { volume, area, faces };
}
