import { MeshMeasurer } from './mesh-measurer.js';
import type { MeshSink } from './mesh-sink.js';
import { measureDrawing } from './measure-drawing.js';
import type { OutputMeasure } from './output-measure.js';
import { read3mf } from './read-3mf.js';
import { readAmf } from './read-amf.js';
import { readDxf } from './read-dxf.js';
import { readOff } from './read-off.js';
import { readStl } from './read-stl.js';
import { readSvg } from './read-svg.js';
import { UnreadableOutputError } from './unreadable-output-error.js';

export type {
  Box2,
  Box3,
  DrawingMeasure,
  MeshMeasure,
  NoMeasure,
  OutputMeasure,
} from './output-measure.js';

type MeshReader = (bytes: Uint8Array, mesh: MeshSink) => void;
type DrawingReader = (bytes: Uint8Array) => Float64Array[];

const meshReaders = new Map<string, MeshReader>([
  ['stl', readStl],
  ['binstl', readStl],
  ['asciistl', readStl],
  ['off', readOff],
  ['3mf', read3mf],
  ['amf', readAmf],
]);

const drawingReaders = new Map<string, DrawingReader>([
  ['svg', readSvg],
  ['dxf', readDxf],
]);

/**
 * Measures an exported model so that two engines' renders of it can be compared by numbers.
 *
 * 3D formats (STL, binary or ASCII; OFF; 3MF; AMF) give a mesh's volume, surface area, bounds,
 * triangle count and whether it is closed; 2D formats (SVG, DXF) give a drawing's bounds, area and
 * number of contours, in model coordinates. Files of tens of megabytes are read in one pass
 * without being cut into lines.
 *
 * @param format The export format or file suffix (`stl`, `.OFF`, `binstl`, `svg`), in any case.
 * @returns The measure, or `{ kind: 'none', reason }` when the format is not measured (PDF, PNG,
 *   CSG…), the file is empty, malformed or truncated, or holds no geometry: a broken output is a
 *   result, not an exception.
 */
export function measureOutput(format: string, bytes: Uint8Array): OutputMeasure {
  const key = format.replace(/^\./, '').toLowerCase();
  const meshReader = meshReaders.get(key);
  const drawingReader = drawingReaders.get(key);
  if (meshReader === undefined && drawingReader === undefined) {
    return { kind: 'none', reason: `${key || 'a file without a format'} is not a measured format` };
  }
  if (bytes.length === 0) return { kind: 'none', reason: 'the file is empty' };
  try {
    if (meshReader !== undefined) {
      const mesh = new MeshMeasurer();
      meshReader(bytes, mesh);
      return mesh.measure();
    }
    return measureDrawing(drawingReader?.(bytes) ?? []);
  } catch (error) {
    if (error instanceof UnreadableOutputError) return { kind: 'none', reason: error.message };
    throw error;
  }
}
