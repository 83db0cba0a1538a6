import { drawingBounds } from '../formats/drawing-bounds.js';
import { fitView } from './fit-view.js';
import type { RgbaImage } from './rgba-image.js';
import { SampleCanvas, type Rgb } from './sample-canvas.js';

/** How {@link fillDrawing} draws. */
export interface DrawingPictureOptions {
  /** Width and height of the picture, in pixels. @default 256 */
  readonly size?: number;
  /** Samples per pixel along each side, averaged for smooth edges. @default 3 */
  readonly supersample?: number;
  /** The fill colour. @default OpenSCAD's yellow */
  readonly colour?: Rgb;
}

/**
 * Draws a 2D drawing's closed contours (rings `x0 y0 x1 y1 …` in model coordinates, y up) filled,
 * as seen from above, fitted to their extent, with holes left open by the even-odd rule (as the
 * drawing's area is measured). Each edge adds its crossings to the sample rows it spans and each
 * row is filled between pairs of crossings: linear in the edges plus the picture.
 */
export function fillDrawing(
  contours: readonly Float64Array[],
  options: DrawingPictureOptions = {},
): RgbaImage {
  const canvas = new SampleCanvas(options.size ?? 256, options.supersample ?? 3);
  const { min, max } = drawingBounds(contours);
  const fit = fitView({ minX: min[0], maxX: max[0], minY: min[1], maxY: max[1] }, canvas.samples);
  const { samples } = canvas;
  const crossings: number[][] = Array.from({ length: samples }, () => []);
  for (const ring of contours) {
    const corners = Math.floor(ring.length / 2);
    for (let corner = 0; corner < corners; corner += 1) {
      const next = (corner + 1) % corners;
      const x0 = fit.x(ring[2 * corner] ?? 0);
      const y0 = fit.y(ring[2 * corner + 1] ?? 0);
      const x1 = fit.x(ring[2 * next] ?? 0);
      const y1 = fit.y(ring[2 * next + 1] ?? 0);
      if (y0 === y1) continue;
      // Rows whose centre lies in [low, high): each crossing counted once where edges meet.
      const low = Math.min(y0, y1);
      const high = Math.max(y0, y1);
      const first = Math.max(0, Math.ceil(low - 0.5));
      const last = Math.min(samples - 1, Math.ceil(high - 0.5) - 1);
      for (let row = first; row <= last; row += 1) {
        const y = row + 0.5;
        crossings[row]?.push(x0 + ((y - y0) * (x1 - x0)) / (y1 - y0));
      }
    }
  }
  for (let row = 0; row < samples; row += 1) {
    const xs = crossings[row] ?? [];
    xs.sort((a, b) => a - b);
    for (let pair = 0; pair + 1 < xs.length; pair += 2) {
      // Samples whose centre lies between the two crossings.
      const from = Math.max(0, Math.ceil((xs[pair] ?? 0) - 0.5));
      const to = Math.min(samples - 1, Math.ceil((xs[pair + 1] ?? 0) - 0.5) - 1);
      canvas.shade.fill(1, row * samples + from, row * samples + to + 1);
    }
  }
  return canvas.picture(options.colour ?? [249, 215, 44]);
}
