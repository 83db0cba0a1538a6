import type { Box2 } from './output-measure.js';

/**
 * The smallest rectangle holding every corner of a drawing's contours (rings `x0 y0 x1 y1 …`);
 * infinite, min above max, when there is no corner.
 */
export function drawingBounds(contours: readonly Float64Array[]): Box2 {
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
  // Adding 0 turns -0 into 0.
  return { min: [minX + 0, minY + 0], max: [maxX + 0, maxY + 0] };
}
