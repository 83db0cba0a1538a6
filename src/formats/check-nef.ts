import { countNoun } from './count-noun.js';
import { latin1Text } from './latin1-text.js';
import { UnreadableOutputError } from './unreadable-output-error.js';

/**
 * Checks a CGAL Nef polyhedron, as OpenSCAD writes it (`nef3`: the "Selective Nef Complex" text;
 * `nefdbg`: a debug dump, an SVG picture with the polyhedron's data in comments): its header, its
 * end marker (absent when truncated) and a vertex count above zero.
 *
 * @returns A summary: `24 vertices`.
 * @throws {UnreadableOutputError} naming what is missing.
 */
export function checkNef(bytes: Uint8Array, format: 'nef3' | 'nefdbg'): string {
  const head = latin1Text(bytes.subarray(0, 4096));
  const tail = latin1Text(bytes.subarray(Math.max(0, bytes.length - 64))).trimEnd();
  if (format === 'nef3') {
    if (!head.startsWith('Selective Nef Complex')) {
      throw new UnreadableOutputError(
        'not a CGAL Nef polyhedron: no "Selective Nef Complex" header',
      );
    }
    if (!tail.endsWith('/* end Selective Nef complex */')) {
      throw new UnreadableOutputError('Nef polyhedron without its end marker: truncated');
    }
    return vertexCount(/^vertices\s+(\d+)/m.exec(head.slice(0, 1024))?.[1], 'Nef polyhedron');
  }
  if (!head.startsWith('<!--CGAL_Nef_polyhedron3 dump begin-->')) {
    throw new UnreadableOutputError(
      'not a CGAL Nef polyhedron dump: no "CGAL_Nef_polyhedron3 dump begin" header',
    );
  }
  if (!/<!--CGAL_Nef_polyhedron3 dump end-->\s*<\/svg>$/.test(tail)) {
    throw new UnreadableOutputError('Nef polyhedron dump without its end marker: truncated');
  }
  return vertexCount(/^number of vertices\s+(\d+)/m.exec(head)?.[1], 'Nef polyhedron dump');
}

function vertexCount(text: string | undefined, what: string): string {
  const vertices = Number(text);
  if (!(vertices > 0)) throw new UnreadableOutputError(`${what} with no vertices`);
  return countNoun(vertices, 'vertex', 'vertices');
}
