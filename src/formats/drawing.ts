/**
 * A 2D drawing as a reader finds it: closed outlines in model coordinates (millimetres, y up),
 * grouped by the file's shapes, with a summary of the file for people.
 */
export interface Drawing {
  /** Each contour as a closed ring `x0 y0 x1 y1 …` (the closing edge implied). */
  readonly contours: Float64Array[];
  /**
   * How many of `contours`, in order, each shape of the file gave (an SVG `<path>` may hold
   * several, a hole with its outline); painted together, their holes stay holes.
   */
  readonly shapes: readonly number[];
  /** What the file holds, as it counts itself: `2 contours`, `20 entities`. */
  readonly summary: string;
}
