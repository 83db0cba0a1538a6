import { countNoun } from './count-noun.js';
import { latin1Text } from './latin1-text.js';
import type { MeshSink } from './mesh-sink.js';
import { TextCursor } from './text-cursor.js';
import { UnreadableOutputError } from './unreadable-output-error.js';

/**
 * Reads an STL file, binary or ASCII, into the sink, one triangle per facet (the facet normals are
 * ignored: the winding says which side is out).
 *
 * A file is binary when its size is exactly 84 bytes plus 50 per facet its header counts, since a
 * binary STL may well start with the word "solid" too; an ASCII file cannot pass that test, as its
 * bytes 80–83 are text and would count gigabytes of facets. An ASCII file is checked whole before
 * it is read (its closing `endsolid`, as many `endfacet` as `facet normal`, three vertices each),
 * so a truncated file is named as such.
 *
 * @returns A summary of the file: `48 facets`.
 * @throws {UnreadableOutputError} when the bytes are neither, hold no facet, or a number is not
 *   finite.
 */
export function readStl(bytes: Uint8Array, mesh: MeshSink): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const facets = bytes.length >= 84 ? view.getUint32(80, true) : -1;
  if (facets >= 0 && bytes.length === 84 + 50 * facets) {
    if (facets === 0) throw new UnreadableOutputError('binary STL with no facets');
    readBinary(view, facets, mesh);
    return countNoun(facets, 'facet');
  }
  return countNoun(readAscii(latin1Text(bytes), facets >= 0, mesh), 'facet');
}

function readBinary(view: DataView, facets: number, mesh: MeshSink): void {
  for (let facet = 0; facet < facets; facet += 1) {
    // 12 bytes of normal, then three corners of 12 bytes, then 2 bytes of attributes.
    const at = 84 + 50 * facet;
    for (let value = 0; value < 12; value += 1) {
      if (!Number.isFinite(view.getFloat32(at + 4 * value, true))) {
        throw new UnreadableOutputError(`binary STL facet ${facet + 1} has a non-finite number`);
      }
    }
    const corner = (offset: number): number =>
      mesh.vertex(
        view.getFloat32(at + offset, true),
        view.getFloat32(at + offset + 4, true),
        view.getFloat32(at + offset + 8, true),
      );
    mesh.triangle(corner(12), corner(24), corner(36));
  }
}

/** Reads the facets of an ASCII STL; returns how many there are. */
function readAscii(text: string, longEnough: boolean, mesh: MeshSink): number {
  const cursor = new TextCursor(text);
  cursor.skipWhitespace();
  if (!/^solid\b/.test(text.slice(cursor.position, cursor.position + 6))) {
    throw new UnreadableOutputError(
      longEnough
        ? 'not an STL file: no "solid" header, and not the size of a binary STL'
        : 'not an STL file: no "solid" header, and too short for a binary STL',
    );
  }
  const end = text.lastIndexOf('endsolid');
  if (end === -1 || text.indexOf('facet', end) !== -1) {
    throw new UnreadableOutputError('ASCII STL without "endsolid": truncated');
  }
  // The solid's name, on the first line, may be any text.
  cursor.skipLine();
  const bodyStart = cursor.position;
  const opened = countBetween(text, 'facet normal', bodyStart, end);
  const closed = countBetween(text, 'endfacet', bodyStart, end);
  const vertices = countBetween(text, 'vertex', bodyStart, end);
  if (closed === 0) throw new UnreadableOutputError('ASCII STL with no facets');
  if (opened !== closed || vertices !== 3 * closed) {
    throw new UnreadableOutputError(
      `ASCII STL is malformed: ${opened} facets opened, ${closed} closed, ${vertices} vertices`,
    );
  }

  const coordinate = (): number => {
    cursor.skipWhitespace();
    const value = cursor.number();
    if (!Number.isFinite(value)) {
      throw new UnreadableOutputError(
        `ASCII STL line ${cursor.lineNumber()}: expected the x y z of a vertex`,
      );
    }
    return value;
  };
  const vertex = (): number => mesh.vertex(coordinate(), coordinate(), coordinate());
  let a = 0;
  let b = 0;
  let read = 0;
  for (let at = text.indexOf('vertex', bodyStart); at !== -1 && at < end;) {
    cursor.position = at + 'vertex'.length;
    const index = vertex();
    read += 1;
    if (read % 3 === 1) a = index;
    else if (read % 3 === 2) b = index;
    else mesh.triangle(a, b, index);
    at = text.indexOf('vertex', cursor.position);
  }
  return closed;
}

/** How many times `needle` occurs between `start` and `end`. */
function countBetween(text: string, needle: string, start: number, end: number): number {
  let count = 0;
  for (let at = text.indexOf(needle, start); at !== -1 && at < end; count += 1) {
    at = text.indexOf(needle, at + needle.length);
  }
  return count;
}
