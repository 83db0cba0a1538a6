import { readFile } from 'node:fs/promises';
import { inspectOutput } from '../formats/inspect-output.js';
import type { OutputFacts } from '../run/part-result.js';
import { digest } from '../job/digest.js';
import { defined } from '../util/defined.js';
import type { OutputRecord } from './run-record.js';

/**
 * What an output file holds, for comparing it with another run's: its bytes' digest, its
 * geometry's digest and facts. `facts` when the run measured them already; else they are measured
 * here (a baseline's files). Undefined when the file cannot be read.
 */
export async function recordOutput(
  format: string,
  path: string,
  facts?: OutputFacts,
): Promise<OutputRecord | undefined> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch {
    return undefined;
  }
  // One read for the geometry's digest and, unless the run measured them, the facts.
  const inspection = inspectOutput(format, bytes, { measure: facts === undefined, digest: true });
  const measured = facts ?? (inspection.ok ? inspection.measure : undefined);
  return {
    digest: digest(bytes),
    bytes: bytes.length,
    ...defined({
      geometry: inspection.ok ? inspection.geometryDigest : undefined,
      facts: measured?.kind === 'none' ? undefined : measured,
    }),
  };
}

/**
 * The record of an output whose digests the run already took (the render's check, or the cache
 * entry it came from): no second read of the file.
 */
export function recordKnownOutput(
  output: { readonly bytes: number; readonly facts?: OutputFacts },
  bytesDigest: string,
  geometry: string,
): OutputRecord {
  return {
    digest: bytesDigest,
    bytes: output.bytes,
    geometry,
    ...defined({ facts: output.facts }),
  };
}
