import type { Box2, Box3, OutputMeasure } from '../formats/output-measure.js';

/** How far two measures may differ and still agree. */
export interface CompareMeasuresOptions {
  /**
   * The largest difference of volume (3D) or area (2D), as a fraction of the reference's.
   *
   * OpenSCAD 2021 writes coordinates with 6 significant digits (3MF with 6 decimals) and 2025 with
   * up to 17, so the same solid's volume differs between them by a few parts per million; the way
   * CGAL and Manifold cut the same faces into triangles does not change it at all. 0.1% is far
   * above that noise and far below a real change: a 1% larger part has 3% more volume.
   *
   * @default 0.001
   */
  readonly volumeTolerance?: number;
  /**
   * The largest difference of any face of the bounding box, in millimetres.
   *
   * @default 1e-3 of the reference's bounding-box diagonal, at least 1e-6: 0.017 mm for a 10 mm
   *   cube, well above the rounding of 6 significant digits (5e-6 of a coordinate) and below any
   *   dimension a designer would change.
   */
  readonly boundsTolerance?: number;
}

/** Whether two measures agree, and the numbers behind the answer for a person to read. */
export interface MeasureComparison {
  readonly agree: boolean;
  /** `volume 1000.00 vs 999.20 (-0.08%); bounds agree within 0.0173`, `bounds differ: x 0..10 vs 0..12`. */
  readonly detail: string;
}

/**
 * Judges whether another engine's output of a model agrees with a reference output of it.
 *
 * 3D outputs agree when their volumes differ by at most `volumeTolerance` of the reference's and
 * every bound by at most `boundsTolerance`. Whether each mesh is closed is reported, not judged:
 * CGAL writes valid solids whose edges are shared by four faces (two cubes touching along an edge),
 * which are not two-manifold but have the right volume.
 *
 * 2D outputs agree when their bounds agree and, too, their areas within `volumeTolerance`. The
 * bounds alone are blind to everything inside the outline (a hole lost, a slot moved into a
 * rib), and the area of the same drawing differs between engines only by the rounding of its
 * coordinates, as the volume does, so requiring it costs no false alarm.
 *
 * Outputs of different kinds never agree, nor do outputs that could not be measured.
 *
 * @throws {RangeError} when a tolerance is negative or not a finite number.
 */
export function compareMeasures(
  reference: OutputMeasure,
  other: OutputMeasure,
  options: CompareMeasuresOptions = {},
): MeasureComparison {
  const volumeTolerance = checkTolerance('volumeTolerance', options.volumeTolerance) ?? 0.001;
  const givenBoundsTolerance = checkTolerance('boundsTolerance', options.boundsTolerance);
  if (reference.kind === 'none' || other.kind === 'none') {
    const problems = [];
    if (reference.kind === 'none') problems.push(`reference not measured: ${reference.reason}`);
    if (other.kind === 'none') problems.push(`other not measured: ${other.reason}`);
    return { agree: false, detail: problems.join('; ') };
  }
  if (reference.kind !== other.kind) {
    return { agree: false, detail: `kind differs: ${reference.kind} vs ${other.kind}` };
  }
  const boundsTolerance = givenBoundsTolerance ?? defaultBoundsTolerance(reference.bounds);
  const bounds = compareBounds(reference.bounds, other.bounds, boundsTolerance);
  const size =
    reference.kind === '3d' && other.kind === '3d'
      ? compareQuantity('volume', reference.volume, other.volume, volumeTolerance)
      : compareQuantity('area', reference.area, other.area, volumeTolerance);
  const parts = [size.detail, bounds.detail];
  if (reference.kind === '3d' && !reference.closed) parts.push('reference mesh is not closed');
  if (other.kind === '3d' && !other.closed) parts.push('other mesh is not closed');
  return { agree: size.agree && bounds.agree, detail: parts.join('; ') };
}

function checkTolerance(name: string, value: number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`${name} must be a finite number of 0 or more, received ${value}`);
  }
  return value;
}

function defaultBoundsTolerance(bounds: Box2 | Box3): number {
  let squares = 0;
  bounds.min.forEach((low, axis) => {
    squares += ((bounds.max[axis] ?? low) - low) ** 2;
  });
  return Math.max(1e-3 * Math.sqrt(squares), 1e-6);
}

function compareQuantity(
  name: string,
  reference: number,
  other: number,
  tolerance: number,
): MeasureComparison {
  const change =
    reference === 0 ? (other === 0 ? 0 : Infinity) : (other - reference) / Math.abs(reference);
  const agree = Math.abs(change) <= tolerance;
  const relative = Number.isFinite(change)
    ? `${change >= 0 ? '+' : '-'}${Math.abs(100 * change).toFixed(2)}%`
    : 'reference is 0';
  const limit = agree ? '' : `, more than ±${formatPercent(tolerance)}`;
  return {
    agree,
    detail: `${name} ${formatQuantity(reference)} vs ${formatQuantity(other)} (${relative}${limit})`,
  };
}

function compareBounds(
  reference: Box2 | Box3,
  other: Box2 | Box3,
  tolerance: number,
): MeasureComparison {
  const digits = Math.min(10, Math.max(0, Math.ceil(-Math.log10(tolerance)) + 1));
  const range = (box: Box2 | Box3, axis: number): string =>
    `${formatCoordinate(box.min[axis] ?? Number.NaN, digits)}..${formatCoordinate(box.max[axis] ?? Number.NaN, digits)}`;
  const differences: string[] = [];
  reference.min.forEach((_, axis) => {
    const apart = Math.max(
      Math.abs((reference.min[axis] ?? 0) - (other.min[axis] ?? Number.NaN)),
      Math.abs((reference.max[axis] ?? 0) - (other.max[axis] ?? Number.NaN)),
    );
    if (!(apart <= tolerance)) {
      differences.push(`${'xyz'[axis] ?? '?'} ${range(reference, axis)} vs ${range(other, axis)}`);
    }
  });
  return differences.length === 0
    ? { agree: true, detail: `bounds agree within ${formatCoordinate(tolerance, digits + 1)}` }
    : { agree: false, detail: `bounds differ: ${differences.join(', ')}` };
}

function formatQuantity(value: number): string {
  return value === 0 || Math.abs(value) >= 0.01 ? value.toFixed(2) : value.toPrecision(3);
}

function formatPercent(fraction: number): string {
  return `${Number((100 * fraction).toPrecision(3))}%`;
}

/** A coordinate with as many decimals as the tolerance makes meaningful, without trailing zeros. */
function formatCoordinate(value: number, digits: number): string {
  return String(Number(value.toFixed(digits)) + 0);
}
