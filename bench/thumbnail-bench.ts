/**
 * `npx tsx bench/thumbnail-bench.ts`: how the thumbnail rasteriser's time grows with the mesh.
 * Draws spheres of about 10 k, 100 k and 1 M triangles (as binary STL, read by the one STL reader,
 * then drawn and encoded as PNG, as `--thumbnails` does) and prints the time per triangle of each
 * against the smallest: ratios from one run, since absolute times on a shared machine are noise.
 */
import { drawThumbnail } from '../dist/thumbnails/draw-thumbnail.js';
import { encodePng } from '../dist/thumbnails/encode-png.js';
import { readGeometry } from '../dist/thumbnails/read-geometry.js';

/** A binary STL of a sphere of `rings` × 2`rings` quads, two triangles each. */
function sphereStl(rings: number): Uint8Array {
  const triangles = 4 * rings * rings;
  const bytes = new Uint8Array(84 + 50 * triangles);
  const view = new DataView(bytes.buffer);
  view.setUint32(80, triangles, true);
  const point = (ring: number, step: number): [number, number, number] => {
    const polar = (Math.PI * ring) / rings;
    const azimuth = (Math.PI * step) / rings;
    return [
      10 * Math.sin(polar) * Math.cos(azimuth),
      10 * Math.sin(polar) * Math.sin(azimuth),
      10 * Math.cos(polar),
    ];
  };
  let at = 84;
  const facet = (...corners: [number, number, number][]): void => {
    at += 12;
    for (const corner of corners) {
      for (const value of corner) {
        view.setFloat32(at, value, true);
        at += 4;
      }
    }
    at += 2;
  };
  for (let ring = 0; ring < rings; ring += 1) {
    for (let step = 0; step < 2 * rings; step += 1) {
      const [a, b, c, d] = [
        point(ring, step),
        point(ring + 1, step),
        point(ring + 1, step + 1),
        point(ring, step + 1),
      ];
      facet(a, b, c);
      facet(a, c, d);
    }
  }
  return bytes;
}

const rows: { triangles: number; ms: number }[] = [];
for (const rings of [50, 158, 500]) {
  const stl = sphereStl(rings);
  // Once to warm the JIT, then the best of three.
  let best = Infinity;
  for (let round = 0; round < 4; round += 1) {
    const start = performance.now();
    const geometry = readGeometry('stl', stl);
    if (geometry === undefined) throw new Error('no geometry');
    encodePng(drawThumbnail(geometry));
    if (round > 0) best = Math.min(best, performance.now() - start);
  }
  rows.push({ triangles: 4 * rings * rings, ms: best });
}
const [first] = rows;
for (const row of rows) {
  const perTriangle = row.ms / row.triangles;
  const relative = first === undefined ? 1 : perTriangle / (first.ms / first.triangles);
  process.stdout.write(
    `${String(row.triangles).padStart(9)} triangles  ${row.ms.toFixed(0).padStart(6)} ms  ${(perTriangle * 1e6).toFixed(0).padStart(6)} ns/triangle  ×${relative.toFixed(2)} per triangle vs the smallest\n`,
  );
}
