import { defined } from '../util/defined.js';
import type { OutputChange, PartChange } from './run-changes-schema.js';
import type { OutputRecord, PartRecord } from './run-record.js';
import { geometryDigestPrefix } from '../formats/geometry-digester.js';

/** Relative difference below which two measured numbers are the same (float noise of exporters). */
const tolerance = 1e-6;

/**
 * Between the outputs of two engines: OpenSCAD 2021's CGAL and 2025's Manifold (native, WASM, the
 * hybrid route) write the same model with other last digits and other triangles, so their
 * geometry digests never agree. The same model is then one whose outputs agree within what
 * rounding moves: every corner of the bounding box within `sizeMargin` of the part's size, the
 * volume within the surface area times that distance (every vertex moved by it), the area within
 * `areaMargin` of itself. Measured on OpenSCAD's 42 examples and the gearbox corpus, 2021 native
 * against 2025 WASM: the parts that came out alike stayed below a third of each margin (bounds
 * 2.8·10⁻⁶, volume 1.9·10⁻⁶, area 1.2·10⁻⁵); the differences between the versions (extrusions,
 * text, `children()` indices) exceed them many times over.
 */
const sizeMargin = 1e-5;
const areaMargin = 1e-4;

/**
 * How a part's outputs compare with what the previous run (or the baseline) had, format by
 * format. Equal bytes are unchanged; other bytes with the same geometry digest (or, for a file
 * without one or digests of different forms, the same facts within a millionth) are
 * `same-geometry`, as are the outputs of another engine than the previous run's whose volume,
 * area and bounds agree within rounding (see `sizeMargin`); anything else changed, with the
 * volume, area, triangle and bounding-box deltas where both were measured. `previousFile` says
 * where the previous bytes of a digest can still be read.
 */
export function comparePart(
  current: PartRecord,
  previous: PartRecord | undefined,
  previousFile: (format: string, output: OutputRecord) => string | undefined,
): PartChange {
  const engines =
    current.engine !== undefined &&
    previous?.engine !== undefined &&
    current.engine !== previous.engine
      ? { previous: previous.engine, current: current.engine }
      : undefined;
  const outputs: Record<string, OutputChange> = {};
  for (const [format, output] of Object.entries(current.outputs)) {
    const before = previous?.outputs[format];
    outputs[format] =
      before === undefined
        ? { status: 'new' }
        : compareOutput(output, before, previousFile(format, before), engines !== undefined);
  }
  for (const [format, before] of Object.entries(previous?.outputs ?? {})) {
    if (current.outputs[format] !== undefined) continue;
    outputs[format] = {
      status: 'gone',
      previous: previousOf(before, previousFile(format, before)),
    };
  }
  const statuses = Object.values(outputs).map((output) => output.status);
  return {
    status:
      previous === undefined
        ? 'new'
        : statuses.every((status) => status === 'unchanged' || status === 'same-geometry')
          ? 'unchanged'
          : 'changed',
    ...(engines === undefined ? {} : { engines }),
    outputs,
  };
}

function compareOutput(
  output: OutputRecord,
  before: OutputRecord,
  file: string | undefined,
  acrossEngines: boolean,
): OutputChange {
  const previous = previousOf(before, file);
  if (output.digest === before.digest) return { status: 'unchanged', previous };
  if (sameGeometry(output, before, acrossEngines)) return { status: 'same-geometry', previous };
  return { status: 'changed', previous, ...deltas(output, before) };
}

function sameGeometry(output: OutputRecord, before: OutputRecord, acrossEngines: boolean): boolean {
  if (output.geometry !== undefined && output.geometry === before.geometry) return true;
  const now = output.facts;
  const then = before.facts;
  const comparable = now !== undefined && then !== undefined && now.kind === then.kind;
  if (acrossEngines) return comparable && sameWithinRounding(now, then);
  if (
    output.geometry !== undefined &&
    before.geometry !== undefined &&
    digestForm(output.geometry) === digestForm(before.geometry)
  ) {
    return false;
  }
  if (!comparable) return false;
  const numbers = (facts: Facts): number[] => [
    facts.area,
    ...facts.bounds.min,
    ...facts.bounds.max,
    ...(facts.kind === '3d' ? [facts.volume, facts.triangles] : [facts.contours]),
  ];
  const a = numbers(now);
  const b = numbers(then);
  return a.every((value, index) => close(value, b[index] ?? Number.NaN, tolerance));
}

/** Whether two engines' outputs are one model, as far as rounding can tell (see `sizeMargin`). */
function sameWithinRounding(now: Facts, then: Facts): boolean {
  const corners = [...now.bounds.min, ...now.bounds.max, ...then.bounds.min, ...then.bounds.max];
  const distance = sizeMargin * Math.max(1, ...corners.map(Math.abs));
  const boundsAgree = (['min', 'max'] as const).every((corner) =>
    now.bounds[corner].every(
      (value, axis) => Math.abs(value - (then.bounds[corner][axis] ?? Number.NaN)) <= distance,
    ),
  );
  if (!boundsAgree || !close(now.area, then.area, areaMargin)) return false;
  if (now.kind === '2d' && then.kind === '2d') return now.contours === then.contours;
  return (
    now.kind === '3d' &&
    then.kind === '3d' &&
    Math.abs(now.volume - then.volume) <= Math.max(now.area, then.area) * distance
  );
}

type Facts = NonNullable<OutputRecord['facts']>;

function deltas(output: OutputRecord, before: OutputRecord): Partial<OutputChange> {
  const now = output.facts;
  const then = before.facts;
  if (now === undefined || then === undefined || now.kind !== then.kind) return {};
  const boundsDelta = {
    min: now.bounds.min.map((value, axis) => value - (then.bounds.min[axis] ?? 0)),
    max: now.bounds.max.map((value, axis) => value - (then.bounds.max[axis] ?? 0)),
  };
  return {
    areaDelta: now.area - then.area,
    boundsDelta,
    ...defined({
      volumeDelta: now.kind === '3d' && then.kind === '3d' ? now.volume - then.volume : undefined,
      trianglesDelta:
        now.kind === '3d' && then.kind === '3d' ? now.triangles - then.triangles : undefined,
    }),
  };
}

function previousOf(
  before: OutputRecord,
  file: string | undefined,
): NonNullable<OutputChange['previous']> {
  return {
    digest: before.digest,
    bytes: before.bytes,
    ...defined({ facts: before.facts, file }),
  };
}

function close(a: number, b: number, margin: number): boolean {
  return Math.abs(a - b) <= margin * Math.max(1, Math.abs(a), Math.abs(b));
}

/** Which form a geometry digest has: one recorded by an earlier parascad may be of the first. */
function digestForm(digest: string): string {
  return digest.startsWith(geometryDigestPrefix) ? geometryDigestPrefix : 'first';
}
