import { drawingReaders, inspectOutput, meshReaders } from './inspect-output.js';
import type { OutputMeasure } from './output-measure.js';

export type {
  Box2,
  Box3,
  DrawingMeasure,
  MeshMeasure,
  NoMeasure,
  OutputMeasure,
} from './output-measure.js';

/**
 * Measures an exported model so that two engines' renders of it can be compared by numbers.
 *
 * 3D formats (STL, binary or ASCII; OFF; 3MF; AMF) give a mesh's volume, surface area, bounds,
 * triangle count and whether it is closed; 2D formats (SVG, DXF) give a drawing's bounds, area and
 * number of contours, in model coordinates. Read by the same readers that validate outputs
 * ({@link inspectOutput}).
 *
 * @param format The export format or file suffix (`stl`, `.OFF`, `binstl`, `svg`), in any case.
 * @returns The measure, or `{ kind: 'none', reason }` when the format is not measured (PDF, PNG,
 *   CSG…), the file is empty, malformed or truncated, or holds no geometry: a broken output is a
 *   result, not an exception.
 */
export function measureOutput(format: string, bytes: Uint8Array): OutputMeasure {
  const key = format.replace(/^\./, '').toLowerCase();
  if (!meshReaders.has(key) && !drawingReaders.has(key)) {
    return { kind: 'none', reason: `${key || 'a file without a format'} is not a measured format` };
  }
  const inspection = inspectOutput(key, bytes);
  return inspection.ok ? inspection.measure : { kind: 'none', reason: inspection.reason };
}
