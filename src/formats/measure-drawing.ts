import { drawingBounds } from './drawing-bounds.js';
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
  return {
    kind: '2d',
    bounds: drawingBounds(contours),
    area: evenOddArea(contours),
    contours: contours.length,
  };
}
