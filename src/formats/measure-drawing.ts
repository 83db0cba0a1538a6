import { evenOddArea } from './even-odd-area.js';
import type { DrawingMeasure } from './output-measure.js';
import { UnreadableOutputError } from './unreadable-output-error.js';

/**
 * Measures a drawing's contours (closed rings `x0 y0 x1 y1 …` in model coordinates): the bounds of
 * every corner, the area they enclose with holes left out (`evenOddArea`), and how many there are.
 *
 * @throws {UnreadableOutputError} when there is no contour to measure.
 */
export function measureDrawing(contours: readonly Float64Array[]): DrawingMeasure {
  if (contours.length === 0) throw new UnreadableOutputError('the drawing has no closed contours');
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const ring of contours) {
    for (let at = 0; at + 1 < ring.length; at += 2) {
      const x = ring[at] ?? 0;
      const y = ring[at + 1] ?? 0;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  return {
    kind: '2d',
    bounds: { min: [minX + 0, minY + 0], max: [maxX + 0, maxY + 0] },
    area: evenOddArea(contours),
    contours: contours.length,
  };
}
