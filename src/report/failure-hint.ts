import { closeSync, openSync, readSync } from 'node:fs';
import { basename } from 'node:path';
import { findExportFormat } from '../plan/export-formats.js';
import type { PartResult } from '../run/part-result.js';

/** What the model draws, the formats that cannot hold it, and the ones to suggest. */
const mismatches = {
  'not-3d': { drawn: '2D', cannotHold: '3d', suggested: ['svg', 'dxf', 'pdf'] },
  'not-2d': { drawn: '3D', cannotHold: '2d', suggested: ['stl', '3mf', 'off'] },
} as const;

/**
 * What to do about a failure whose cause is plain from OpenSCAD's message alone: a 2D model asked
 * for in a 3D format (OpenSCAD: "Current top level object is not a 3D object"), or the reverse;
 * a syntax error on the first line of a file that starts with a byte order mark; an empty nef3 of
 * a plain mesh from OpenSCAD 2021.01. Undefined for every other failure.
 */
export function failureHint(result: PartResult): string | undefined {
  const { failure, job } = result;
  if (
    failure?.kind === 'invalid-output' &&
    failure.format === 'nef3' &&
    result.console.includes('Not a CGALNefPoly')
  ) {
    // 2021.01 writes an empty file for a mesh no CGAL operation built, and says only this.
    return `OpenSCAD printed "Not a CGALNefPoly. Add some CSG ops?": the native OpenSCAD writes nef3 only for a result of CSG operations, and this part is a plain mesh; --engine wasm writes nef3 of any mesh`;
  }
  if (failure?.kind !== 'openscad-error') return undefined;
  const code = failure.diagnostic.code;
  if (code === 'parser-error') {
    const file = failure.diagnostic.location?.file ?? job.scadFile;
    return (failure.diagnostic.location?.line ?? 1) === 1 && startsWithBom(file)
      ? `${basename(file)} starts with a byte order mark (BOM), which OpenSCAD cannot parse: save it as UTF-8 without BOM`
      : undefined;
  }
  if (code !== 'not-3d' && code !== 'not-2d') return undefined;
  const { drawn, cannotHold, suggested } = mismatches[code];
  const asked = job.outputs
    .map((output) => output.format)
    .filter((format) => findExportFormat(format)?.dimension === cannotHold)
    .join(' and ');
  if (asked === '') return undefined;
  const what = job.module === undefined ? basename(job.scadFile) : `${job.module}()`;
  return `${what} draws ${drawn} geometry, which ${asked} cannot hold: ${howToAsk(result, suggested)}`;
}

/** How the user asks for other formats, in the words of wherever the part was asked for. */
function howToAsk({ job }: PartResult, [first, ...others]: readonly string[]): string {
  const { file, line } = job.requestedAt;
  const where = basename(file);
  if (job.module !== undefined && file === job.scadFile) {
    return `mark it //render.model.${first} (or .${others.join(', .')}) instead`;
  }
  const instead = `ask for ${first}, ${others.join(' or ')} instead`;
  if (/^(render_config\.ya?ml|renderer\.py)$/.test(where)) {
    return `${instead} (suffix: ${first} on its entry in ${where})`;
  }
  if (/^parascad\.config\./.test(where)) {
    return `${instead} (formats: [${first}] on its entry in ${where})`;
  }
  // A whole file named on the command line has no entry of its own anywhere.
  if (file === job.scadFile) {
    return `${instead} (formats: [${first}] on its entry in a parascad.config.yaml)`;
  }
  // A configuration of another name (-c FILE): its place, whichever kind it is.
  return `${instead}, where it is asked for (${where}:${line})`;
}

const utf8Bom = Buffer.from([0xef, 0xbb, 0xbf]);

/** Whether a file begins with UTF-8's byte order mark, as Windows editors often write it. */
function startsWithBom(file: string): boolean {
  const head = Buffer.alloc(3);
  let descriptor: number | undefined;
  try {
    descriptor = openSync(file, 'r');
    return readSync(descriptor, head, 0, 3, 0) === 3 && head.equals(utf8Bom);
  } catch {
    return false;
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
}
