import { countNoun } from './count-noun.js';
import { latin1Text } from './latin1-text.js';
import type { MeshSink } from './mesh-sink.js';
import { TextCursor } from './text-cursor.js';
import { UnreadableOutputError } from './unreadable-output-error.js';

const hash = 0x23;

/**
 * Reads an OFF file into the sink: the header (`OFF`, with the vertex, face and edge counts on the
 * same line, as OpenSCAD writes them, or on the next), the vertices, then faces of any number of
 * corners. Whatever follows a vertex's x y z or a face's corners on its line (the colour columns
 * OpenSCAD 2025 writes after each face) is ignored, as are blank lines and `#` comments.
 *
 * @returns A summary of the file as it counts itself: `48 faces, 24 vertices`.
 * @throws {UnreadableOutputError} naming the line at fault when the text is not such a file, or
 *   when it has no faces.
 */
export function readOff(bytes: Uint8Array, mesh: MeshSink): string {
  const cursor = new TextCursor(latin1Text(bytes));
  const fail = (what: string): never => {
    throw new UnreadableOutputError(`OFF line ${cursor.lineNumber()}: ${what}`);
  };
  const integer = (what: string): number => {
    cursor.skipBlanks();
    const value = cursor.number();
    return Number.isSafeInteger(value) && value >= 0 ? value : fail(`expected ${what}`);
  };

  nextDataLine(cursor);
  const { text } = cursor;
  const headerStart = cursor.position;
  while (isLetter(text.charCodeAt(cursor.position))) cursor.position += 1;
  if (!text.slice(headerStart, cursor.position).endsWith('OFF')) fail('expected the "OFF" header');
  if (cursor.atLineEnd() && !nextDataLine(cursor)) fail('the file ends before the vertex count');
  const vertexCount = integer('the vertex count');
  const faceCount = integer('the face count');
  // The edge count, which OFF requires and nobody uses, ends the line.
  cursor.skipLine();
  if (faceCount === 0) throw new UnreadableOutputError('OFF mesh with no faces');
  // A vertex takes at least 6 characters: a corrupt count must not allocate gigabytes.
  if (vertexCount > text.length / 6) fail(`${vertexCount} vertices cannot fit in the file`);

  const indices = new Int32Array(vertexCount);
  const coordinate = (): number => {
    cursor.skipBlanks();
    const value = cursor.number();
    return Number.isFinite(value) ? value : fail('expected the x y z of a vertex');
  };
  for (let vertex = 0; vertex < vertexCount; vertex += 1) {
    if (!nextDataLine(cursor)) fail(`the file ends after ${vertex} of ${vertexCount} vertices`);
    indices[vertex] = mesh.vertex(coordinate(), coordinate(), coordinate());
    cursor.skipLine();
  }

  let corners = new Int32Array(16);
  for (let face = 0; face < faceCount; face += 1) {
    if (!nextDataLine(cursor)) fail(`the file ends after ${face} of ${faceCount} faces`);
    const size = integer('the number of corners of a face');
    if (size < 3) fail(`a face of ${size} corners`);
    if (size > corners.length) corners = new Int32Array(2 * size);
    for (let corner = 0; corner < size; corner += 1) {
      const index = integer('a vertex index');
      if (index >= vertexCount) {
        fail(
          `face ${face} refers to vertex ${index}, which does not exist (there are ${vertexCount})`,
        );
      }
      corners[corner] = indices[index] ?? 0;
    }
    mesh.polygon(corners, size);
    cursor.skipLine();
  }
  return `${countNoun(faceCount, 'face')}, ${countNoun(vertexCount, 'vertex', 'vertices')}`;
}

/** Moves to the next line with data, past blank lines and comments; false at the end. */
function nextDataLine(cursor: TextCursor): boolean {
  for (;;) {
    cursor.skipWhitespace();
    if (cursor.atEnd) return false;
    if (cursor.text.charCodeAt(cursor.position) !== hash) return true;
    cursor.skipLine();
  }
}

function isLetter(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}
