import { drawingReaders, meshReaders } from '../formats/inspect-output.js';
import { GeometryDigester } from '../formats/geometry-digester.js';

/**
 * A digest of an output's geometry that does not depend on how the file orders it (see
 * {@link GeometryDigester}): two files with the same digest hold the same geometry even when
 * their bytes differ — OpenSCAD 2021 writes an STL's facets in a different order on every run.
 * Undefined for formats parascad does not read, or a file it cannot read. A render gets it from
 * the same read that checks its output (`inspectOutput` with `digest`); this reads a file again.
 */
export function geometryDigest(format: string, bytes: Uint8Array): string | undefined {
  const key = format.replace(/^\./, '').toLowerCase();
  try {
    const meshReader = meshReaders.get(key);
    if (meshReader !== undefined) {
      const digester = new GeometryDigester();
      meshReader(bytes, digester);
      return digester.digest('mesh');
    }
    const drawingReader = drawingReaders.get(key);
    if (drawingReader !== undefined) {
      const digester = new GeometryDigester();
      for (const ring of drawingReader(bytes).contours) digester.ring(ring);
      return digester.digest('drawing');
    }
  } catch {
    // A file the readers refuse has no geometry to compare: its bytes still are.
  }
  return undefined;
}
