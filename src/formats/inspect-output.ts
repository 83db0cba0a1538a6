import { findExportFormat } from '../plan/export-formats.js';
import { checkNef } from './check-nef.js';
import { checkObj } from './check-obj.js';
import { checkPdf } from './check-pdf.js';
import { checkPng } from './check-png.js';
import { checkText } from './check-text.js';
import { checkWrl } from './check-wrl.js';
import type { Drawing } from './drawing.js';
import { formatSize } from './format-size.js';
import { GeometryDigester } from './geometry-digester.js';
import { measureDrawing } from './measure-drawing.js';
import { MeshMeasurer } from './mesh-measurer.js';
import type { MeshSink } from './mesh-sink.js';
import type { OutputMeasure } from './output-measure.js';
import { read3mf } from './read-3mf.js';
import { readAmf } from './read-amf.js';
import { readDxf } from './read-dxf.js';
import { readOff } from './read-off.js';
import type { ReadOptions } from './read-options.js';
import { readStl } from './read-stl.js';
import { readSvg } from './read-svg.js';
import { TeeSink } from './tee-sink.js';
import { UnreadableOutputError } from './unreadable-output-error.js';

/**
 * What one read of an exported file found: whether it is a complete model of its format, a short
 * summary for people, and its geometry measured (`none`, with the reason, for formats that are not
 * measured or for features the readers do not measure).
 */
export type OutputInspection =
  | {
      readonly ok: true;
      readonly summary: string;
      readonly measure: OutputMeasure;
      /** With {@link InspectOptions.digest}, for the formats that have one. */
      readonly geometryDigest?: string;
    }
  | { readonly ok: false; readonly reason: string };

/** Options of {@link inspectOutput}. */
export interface InspectOptions {
  /**
   * Whether to measure the geometry too; without it the file is only checked, which for big
   * meshes takes a fraction of the time (no points merged, no edges sorted).
   * @default true
   */
  readonly measure?: boolean;
  /**
   * Whether to digest the geometry too (`geometryDigest`), from the same read.
   * @default false
   */
  readonly digest?: boolean;
}

/** A reader of a mesh format: puts the mesh into the sink, returns the file's summary. */
export type MeshReader = (bytes: Uint8Array, mesh: MeshSink, options?: ReadOptions) => string;
/** A reader of a drawing format. */
export type DrawingReader = (bytes: Uint8Array, options?: ReadOptions) => Drawing;

/** The one reader of each mesh format OpenSCAD exports. */
export const meshReaders: ReadonlyMap<string, MeshReader> = new Map<string, MeshReader>([
  ['stl', readStl],
  ['binstl', readStl],
  ['asciistl', readStl],
  ['off', readOff],
  ['3mf', read3mf],
  ['amf', readAmf],
]);

/** The one reader of each drawing format OpenSCAD exports. */
export const drawingReaders: ReadonlyMap<string, DrawingReader> = new Map<string, DrawingReader>([
  ['svg', readSvg],
  ['dxf', readDxf],
]);

/** Formats that are checked for completeness but not measured. */
const checks = new Map<string, (bytes: Uint8Array) => string>([
  ['wrl', checkWrl],
  ['obj', checkObj],
  ['nef3', (bytes) => checkNef(bytes, 'nef3')],
  ['nefdbg', (bytes) => checkNef(bytes, 'nefdbg')],
  ['pdf', checkPdf],
  ['png', checkPng],
  ['csg', checkText],
  ['ast', checkText],
  ['term', checkText],
  ['echo', checkText],
]);

/**
 * Reads an exported file once, with the one reader of its format, and says whether it is a real,
 * complete model of that format (OpenSCAD can exit 0 and leave an empty, truncated or
 * geometry-less file), with its measures: for meshes triangles, bounds, volume, surface area and
 * open and non-manifold edges; for drawings contours, area and bounds.
 *
 * Files are read in place, without being cut into lines, so files of tens of megabytes take a
 * fraction of a second.
 *
 * @param format The export format or file suffix (`stl`, `.OFF`, `binstl`), in any case.
 * @returns `{ ok: false, reason }` for a broken file; empty bytes are only ok for formats that may
 *   be empty (echo, term); a format OpenSCAD has no exporter for is ok when non-empty, summarised
 *   by its size.
 */
export function inspectOutput(
  format: string,
  bytes: Uint8Array,
  options: InspectOptions = {},
): OutputInspection {
  const key = format.replace(/^\./, '').toLowerCase();
  const meshReader = meshReaders.get(key);
  const drawingReader = drawingReaders.get(key);
  const notMeasured = (reason: string): OutputMeasure => ({ kind: 'none', reason });
  if (bytes.length === 0) {
    return findExportFormat(key)?.mayBeEmpty === true
      ? { ok: true, summary: 'empty', measure: notMeasured('the file is empty') }
      : { ok: false, reason: 'the file is empty' };
  }
  let unsupported: string | undefined;
  const readOptions: ReadOptions = { onUnsupported: (what) => (unsupported ??= what) };
  try {
    const skipped = options.measure === false ? notMeasured('not measured') : undefined;
    const digester = options.digest === true ? new GeometryDigester() : undefined;
    if (meshReader !== undefined) {
      const mesh = skipped === undefined ? new MeshMeasurer() : new CountingSink();
      const summary = meshReader(
        bytes,
        digester === undefined ? mesh : new TeeSink(mesh, digester),
        readOptions,
      );
      const measure =
        skipped ??
        (unsupported === undefined
          ? measured(() => (mesh as MeshMeasurer).measure())
          : notMeasured(unsupported));
      return { ok: true, summary, measure, ...digestOf(digester, 'mesh') };
    }
    if (drawingReader !== undefined) {
      const drawing = drawingReader(bytes, readOptions);
      const measure =
        skipped ??
        (unsupported === undefined
          ? measured(() => measureDrawing(drawing.contours))
          : notMeasured(unsupported));
      if (digester !== undefined) for (const ring of drawing.contours) digester.ring(ring);
      return { ok: true, summary: drawing.summary, measure, ...digestOf(digester, 'drawing') };
    }
    const check = checks.get(key);
    return {
      ok: true,
      summary: check === undefined ? formatSize(bytes.length) : check(bytes),
      measure: notMeasured(`${key || 'a file without a format'} is not a measured format`),
    };
  } catch (error) {
    if (error instanceof UnreadableOutputError) return { ok: false, reason: error.message };
    throw error;
  }
}

/** The digest of what the digester was given, when there is one. */
function digestOf(
  digester: GeometryDigester | undefined,
  kind: string,
): { geometryDigest?: string } {
  return digester === undefined ? {} : { geometryDigest: digester.digest(kind) };
}

/** The measure, or why there is none when the geometry read cannot be measured (no area at all). */
function measured(measure: () => OutputMeasure): OutputMeasure {
  try {
    return measure();
  } catch (error) {
    if (error instanceof UnreadableOutputError) return { kind: 'none', reason: error.message };
    throw error;
  }
}

/** A sink that only hands out indices: for checking a mesh file without measuring it. */
class CountingSink implements MeshSink {
  #count = 0;

  vertex(): number {
    return this.#count++;
  }

  triangle(): void {}

  polygon(): void {}
}
