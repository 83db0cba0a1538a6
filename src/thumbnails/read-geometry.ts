import type { Drawing } from '../formats/drawing.js';
import { drawingReaders, meshReaders } from '../formats/inspect-output.js';
import { TriangleSoup } from './triangle-soup.js';

/** What a picture is drawn from: a mesh's triangles or a drawing's contours. */
export type Geometry =
  | { readonly kind: 'mesh'; readonly mesh: TriangleSoup }
  | { readonly kind: 'drawing'; readonly drawing: Drawing };

/** Whether files of the format (`stl`, `.SVG`) hold geometry a picture can be drawn from. */
export function hasGeometry(format: string): boolean {
  const key = formatKey(format);
  return meshReaders.has(key) || drawingReaders.has(key);
}

/**
 * Reads an exported file's geometry with the one reader of its format, for drawing: features the
 * readers do not turn into geometry (SVG curves, 3MF components) are left out rather than refused,
 * as a picture of the rest is still worth having.
 *
 * @returns undefined for a format that holds no geometry (PDF, PNG, CSG…).
 * @throws {UnreadableOutputError} when the file is not a complete model of its format.
 */
export function readGeometry(format: string, bytes: Uint8Array): Geometry | undefined {
  const key = formatKey(format);
  const options = { onUnsupported: () => undefined };
  const meshReader = meshReaders.get(key);
  if (meshReader !== undefined) {
    const mesh = new TriangleSoup();
    meshReader(bytes, mesh, options);
    return { kind: 'mesh', mesh };
  }
  const drawingReader = drawingReaders.get(key);
  return drawingReader === undefined
    ? undefined
    : { kind: 'drawing', drawing: drawingReader(bytes, options) };
}

function formatKey(format: string): string {
  return format.replace(/^\./, '').toLowerCase();
}
