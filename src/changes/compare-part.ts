import { defined } from '../util/defined.js';
import type { OutputChange, PartChange } from './run-changes-schema.js';
import type { OutputRecord, PartRecord } from './run-record.js';
import { geometryDigestPrefix } from '../formats/geometry-digester.js';

/** Relative difference below which two measured numbers are the same (float noise of exporters). */
const tolerance = 1e-6;

/**
 * How a part's outputs compare with what the previous run (or the baseline) had, format by
 * format. Equal bytes are unchanged; other bytes with the same geometry digest (or, for a file
 * without one or digests of different forms, the same facts within a millionth) are
 * `same-geometry`; anything else changed, with the volume, area, triangle and bounding-box deltas
 * where both were measured. `previousFile` says where the previous bytes of a digest can still be
 * read.
 */
export function comparePart(
  current: PartRecord,
  previous: PartRecord | undefined,
  previousFile: (format: string, output: OutputRecord) => string | undefined,
): PartChange {
  const outputs: Record<string, OutputChange> = {};
  for (const [format, output] of Object.entries(current.outputs)) {
    const before = previous?.outputs[format];
    outputs[format] =
      before === undefined
        ? { status: 'new' }
        : compareOutput(output, before, previousFile(format, before));
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
    outputs,
  };
}

function compareOutput(
  output: OutputRecord,
  before: OutputRecord,
  file: string | undefined,
): OutputChange {
  const previous = previousOf(before, file);
  if (output.digest === before.digest) return { status: 'unchanged', previous };
  if (sameGeometry(output, before)) return { status: 'same-geometry', previous };
  return { status: 'changed', previous, ...deltas(output, before) };
}

function sameGeometry(output: OutputRecord, before: OutputRecord): boolean {
  if (
    output.geometry !== undefined &&
    before.geometry !== undefined &&
    digestForm(output.geometry) === digestForm(before.geometry)
  ) {
    return output.geometry === before.geometry;
  }
  const now = output.facts;
  const then = before.facts;
  if (now === undefined || then === undefined || now.kind !== then.kind) return false;
  const numbers = (facts: NonNullable<OutputRecord['facts']>): number[] => [
    facts.area,
    ...facts.bounds.min,
    ...facts.bounds.max,
    ...(facts.kind === '3d' ? [facts.volume, facts.triangles] : [facts.contours]),
  ];
  const a = numbers(now);
  const b = numbers(then);
  return a.every((value, index) => close(value, b[index] ?? Number.NaN));
}

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

function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(a), Math.abs(b));
}

/** Which form a geometry digest has: one recorded by an earlier parascad may be of the first. */
function digestForm(digest: string): string {
  return digest.startsWith(geometryDigestPrefix) ? geometryDigestPrefix : 'first';
}
