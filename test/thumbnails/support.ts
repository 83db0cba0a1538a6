import { TriangleSoup } from '../../src/thumbnails/triangle-soup.js';
import type { RgbaImage } from '../../src/thumbnails/rgba-image.js';

/** A point in model coordinates. */
export type Point = readonly [number, number, number];

/** A soup of triangles given by their corner points. */
export function soupOf(triangles: readonly (readonly [Point, Point, Point])[]): TriangleSoup {
  const soup = new TriangleSoup();
  for (const corners of triangles) {
    const [a, b, c] = corners.map(([x, y, z]) => soup.vertex(x, y, z));
    soup.triangle(a ?? 0, b ?? 0, c ?? 0);
  }
  return soup;
}

/** A closed cube from 0 to `size`, twelve triangles wound counter-clockwise from outside. */
export function cube(size: number): TriangleSoup {
  const soup = new TriangleSoup();
  const corner = (x: number, y: number, z: number): number =>
    soup.vertex(x * size, y * size, z * size);
  const quads: [number, number, number][][] = [
    [
      [0, 0, 0],
      [0, 1, 0],
      [1, 1, 0],
      [1, 0, 0],
    ],
    [
      [0, 0, 1],
      [1, 0, 1],
      [1, 1, 1],
      [0, 1, 1],
    ],
    [
      [0, 0, 0],
      [1, 0, 0],
      [1, 0, 1],
      [0, 0, 1],
    ],
    [
      [0, 1, 0],
      [0, 1, 1],
      [1, 1, 1],
      [1, 1, 0],
    ],
    [
      [0, 0, 0],
      [0, 0, 1],
      [0, 1, 1],
      [0, 1, 0],
    ],
    [
      [1, 0, 0],
      [1, 1, 0],
      [1, 1, 1],
      [1, 0, 1],
    ],
  ];
  for (const quad of quads) {
    const indices = quad.map(([x, y, z]) => corner(x, y, z));
    soup.polygon(indices, 4);
  }
  return soup;
}

/** A sphere of `radius` around the origin from `rings` × 2`rings` quads split in triangles. */
export function sphere(radius: number, rings: number): TriangleSoup {
  const soup = new TriangleSoup();
  const point = (ring: number, step: number): number => {
    const polar = (Math.PI * ring) / rings;
    const azimuth = (Math.PI * step) / rings;
    return soup.vertex(
      radius * Math.sin(polar) * Math.cos(azimuth),
      radius * Math.sin(polar) * Math.sin(azimuth),
      radius * Math.cos(polar),
    );
  };
  for (let ring = 0; ring < rings; ring += 1) {
    for (let step = 0; step < 2 * rings; step += 1) {
      const a = point(ring, step);
      const b = point(ring + 1, step);
      const c = point(ring + 1, step + 1);
      const d = point(ring, step + 1);
      soup.triangle(a, b, c);
      soup.triangle(a, c, d);
    }
  }
  return soup;
}

/** The pixel at column `x`, row `y` (from the top): red, green, blue, alpha. */
export function pixel(image: RgbaImage, x: number, y: number): number[] {
  const at = 4 * (y * image.width + x);
  return [...image.data.subarray(at, at + 4)];
}

/** How many pixels have anything drawn in them. */
export function drawnPixels(image: RgbaImage): number {
  let drawn = 0;
  for (let at = 3; at < image.data.length; at += 4) if ((image.data[at] ?? 0) > 0) drawn += 1;
  return drawn;
}
