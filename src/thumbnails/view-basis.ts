/** A direction or point in model coordinates. */
export type Vector = readonly [x: number, y: number, z: number];

/** The axes of an orthographic view, in model coordinates, each of length 1. */
export interface ViewBasis {
  /** Screen right. */
  readonly right: Vector;
  /** Screen up. */
  readonly up: Vector;
  /** Towards the viewer. */
  readonly back: Vector;
}

/**
 * The axes of a view from direction `from` (towards the viewer), with the model's z axis
 * pointing up on screen as OpenSCAD shows it; seen straight from above or below, the model's y
 * axis points up instead.
 *
 * @throws {RangeError} for the zero vector, which is no direction.
 */
export function viewBasis(from: Vector): ViewBasis {
  const back = unit(from);
  const worldUp: Vector = Math.abs(back[2]) > 0.999999 ? [0, back[2] > 0 ? 1 : -1, 0] : [0, 0, 1];
  const right = unit(cross(worldUp, back));
  return { right, up: cross(back, right), back };
}

function cross(a: Vector, b: Vector): Vector {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

function unit(vector: Vector): Vector {
  const length = Math.hypot(...vector);
  if (!(length > 0) || !Number.isFinite(length)) {
    throw new RangeError(`a view direction must be a non-zero vector, got ${vector.join(', ')}`);
  }
  return [vector[0] / length, vector[1] / length, vector[2] / length];
}
