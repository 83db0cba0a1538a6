import { describe, expect, it } from 'vitest';
import { rasteriseMesh } from '../../src/thumbnails/rasterise-mesh.js';
import type { RgbaImage } from '../../src/thumbnails/rgba-image.js';
import type { TriangleSoup } from '../../src/thumbnails/triangle-soup.js';
import { cube, drawnPixels, pixel, soupOf, sphere, type Point } from './support.js';

const picture = (soup: TriangleSoup, options: Parameters<typeof rasteriseMesh>[2] = {}) =>
  rasteriseMesh(soup.positions, soup.indices, options);

/** How many pixels differ between two pictures of one size. */
function differingPixels(a: RgbaImage, b: RgbaImage): number {
  let differing = 0;
  for (let at = 0; at < a.data.length; at += 4) {
    if ([0, 1, 2, 3].some((channel) => a.data[at + channel] !== b.data[at + channel])) {
      differing += 1;
    }
  }
  return differing;
}

// Seen from above, a face turned to the viewer gets the ambient light plus the lamp's share
// (the lamp's z in view coordinates, normalised): 0.3 + 0.7 * 0.76 / |(-0.35, 0.55, 0.76)|.
const facingShade = 0.3 + (0.7 * 0.76) / Math.hypot(0.35, 0.55, 0.76);

describe('rasteriseMesh', () => {
  it('draws a known triangle seen from above where its corners fit the picture', () => {
    // 100 pixels with a 6% margin: the 10 mm triangle spans pixels 6 to 94, 8.8 pixels per mm.
    const triangle = soupOf([
      [
        [0, 0, 0],
        [10, 0, 0],
        [0, 10, 0],
      ],
    ]);
    const image = picture(triangle, { size: 100, viewFrom: [0, 0, 1] });
    const lit = [249, 215, 44].map((channel) => Math.round(channel * facingShade));
    // Near the right angle (model 1.6, 1.5), in the bottom left: fully covered.
    expect(pixel(image, 20, 80)).toEqual([...lit, 255]);
    // Beyond the hypotenuse (model 8.5, 8.5), top right: nothing.
    expect(pixel(image, 80, 20)).toEqual([0, 0, 0, 0]);
    // Inside the margin: nothing.
    expect(pixel(image, 3, 97)).toEqual([0, 0, 0, 0]);
    // Just inside the corners: the right angle at (6, 94), the others at (94, 94) and (6, 6).
    expect(pixel(image, 7, 92)[3]).toBe(255);
    expect(pixel(image, 90, 92)[3]).toBe(255);
    expect(pixel(image, 7, 9)[3]).toBe(255);
    expect(pixel(image, 50, 97)[3]).toBe(0);
  });

  it('smooths a slanted edge: pixels on the hypotenuse are partly covered', () => {
    const triangle = soupOf([
      [
        [0, 0, 0],
        [10, 0, 0],
        [0, 10, 0],
      ],
    ]);
    const image = picture(triangle, { size: 100, viewFrom: [0, 0, 1] });
    // The hypotenuse runs from (94, 94) to (6, 6) in pixels, through the centres of pixels (x, x).
    for (const x of [20, 35, 50, 65]) {
      expect(pixel(image, x, x)[3]).toBeGreaterThan(0);
      expect(pixel(image, x, x)[3]).toBeLessThan(255);
    }
  });

  it('shows the nearer of two overlapping faces, whichever is drawn last', () => {
    type Triangle = readonly [Point, Point, Point];
    const flatHigh: Triangle = [
      [0, 0, 10],
      [10, 0, 10],
      [0, 10, 10],
    ];
    const slantedLow: Triangle = [
      [0, 0, 0],
      [10, 0, 0],
      [0, 10, 5],
    ];
    const topView = { size: 100, viewFrom: [0, 0, 1] } as const;
    const lit = Math.round(249 * facingShade);
    for (const order of [
      [flatHigh, slantedLow],
      [slantedLow, flatHigh],
    ]) {
      expect(pixel(picture(soupOf(order), topView), 20, 80)[0]).toBe(lit);
    }
    // The slanted face alone is darker: it is turned from the lamp.
    expect(pixel(picture(soupOf([slantedLow]), topView), 20, 80)[0]).toBeLessThan(lit);
  });

  it('draws a cube that is not blank, with three differently lit faces', () => {
    const image = picture(cube(10));
    expect(drawnPixels(image)).toBeGreaterThan(0.3 * 256 * 256);
    const shades = new Map<number, number>();
    for (let at = 0; at < image.data.length; at += 4) {
      const red = image.data[at] ?? 0;
      if (image.data[at + 3] === 255) shades.set(red, (shades.get(red) ?? 0) + 1);
    }
    // Pixels where two faces meet mix their shades; the faces themselves are three.
    const faces = [...shades.values()].filter((count) => count > 0.05 * 256 * 256);
    expect(faces).toHaveLength(3);
  });

  it("draws a cube's thumbnail differently from a sphere's", () => {
    const cubeImage = picture(cube(10));
    const sphereImage = picture(sphere(5, 24));
    expect(drawnPixels(sphereImage)).toBeGreaterThan(0.3 * 256 * 256);
    expect(differingPixels(cubeImage, sphereImage)).toBeGreaterThan(0.1 * 256 * 256);
  });

  it('fits a part far from the origin and of any size into the picture', () => {
    const near = picture(cube(10));
    const far = rasteriseMesh(
      cube(1000).positions.map((value) => value + 1e5),
      cube(1000).indices,
    );
    expect(differingPixels(near, far)).toBeLessThan(0.01 * 256 * 256);
  });

  it('leaves the picture transparent when there is no triangle', () => {
    expect(drawnPixels(rasteriseMesh([], []))).toBe(0);
  });
});
