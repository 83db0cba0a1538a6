/** Maps view coordinates (x right, y up) onto a square canvas's pixels (x right, y down). */
export interface ViewFit {
  x(viewX: number): number;
  y(viewY: number): number;
  /** Pixels per model millimetre. */
  readonly scale: number;
}

/**
 * Fits a rectangle of view coordinates into a square canvas of `size` pixels, centred, keeping
 * its proportions, with `margin` (a fraction of the size) left free on every side. A rectangle
 * with no extent (a single point) is drawn at one pixel per unit.
 */
export function fitView(
  bounds: { minX: number; maxX: number; minY: number; maxY: number },
  size: number,
  margin = 0.06,
): ViewFit {
  const width = bounds.maxX - bounds.minX;
  const height = bounds.maxY - bounds.minY;
  const extent = Math.max(width, height);
  const scale = extent > 0 && Number.isFinite(extent) ? (size * (1 - 2 * margin)) / extent : 1;
  const left = (size - width * scale) / 2;
  const top = (size - height * scale) / 2;
  return {
    x: (viewX) => left + (viewX - bounds.minX) * scale,
    y: (viewY) => top + (bounds.maxY - viewY) * scale,
    scale,
  };
}
