import { inspectOutput } from '../formats/inspect-output.js';

/**
 * A digest of an output's geometry that does not depend on how the file orders it (see
 * `GeometryDigester`): two files with the same digest hold the same geometry even when their
 * bytes differ — OpenSCAD 2021 writes an STL's facets in a different order on every run.
 * Undefined for formats parascad does not read, or a file it cannot read. Where the file is also
 * checked or measured, ask `inspectOutput` with `digest` instead: one read for both.
 */
export function geometryDigest(format: string, bytes: Uint8Array): string | undefined {
  const inspection = inspectOutput(format, bytes, { measure: false, digest: true });
  return inspection.ok ? inspection.geometryDigest : undefined;
}
