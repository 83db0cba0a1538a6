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
 * bytes 80–83 are text and would count gigabytes of facets.
 *
 * @throws {UnreadableOutputError} when the bytes are neither, or a number is not finite.
 */
export function readStl(bytes: Uint8Array, mesh: MeshSink): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const facets = bytes.length >= 84 ? view.getUint32(80, true) : -1;
  if (facets >= 0 && bytes.length === 84 + 50 * facets) {
    readBinary(view, facets, mesh);
  } else {
    readAscii(latin1Text(bytes), mesh);
  }
}

function readBinary(view: DataView, facets: number, mesh: MeshSink): void {
  const corner = (at: number, facet: number): number => {
    const x = view.getFloat32(at, true);
    const y = view.getFloat32(at + 4, true);
    const z = view.getFloat32(at + 8, true);
    if (!(Number.isFinite(x) && Number.isFinite(y) && Number.isFinite(z))) {
      throw new UnreadableOutputError(`binary STL facet ${facet + 1} has a non-finite coordinate`);
    }
    return mesh.vertex(x, y, z);
  };
  for (let facet = 0; facet < facets; facet += 1) {
    // 12 bytes of normal, then three corners of 12 bytes, then 2 bytes of attributes.
    const at = 84 + 50 * facet + 12;
    mesh.triangle(corner(at, facet), corner(at + 12, facet), corner(at + 24, facet));
  }
}

function readAscii(text: string, mesh: MeshSink): void {
  const cursor = new TextCursor(text);
  cursor.skipWhitespace();
  if (!text.startsWith('solid', cursor.position)) {
    throw new UnreadableOutputError(
      'not an STL file: no "solid" header, and not the size of a binary STL',
    );
  }
  const end = text.lastIndexOf('endsolid');
  if (end === -1) throw new UnreadableOutputError('ASCII STL without "endsolid": truncated');
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

  // The solid's name, on the first line, may be any text.
  cursor.skipLine();
  let a = 0;
  let b = 0;
  let vertices = 0;
  for (let at = text.indexOf('vertex', cursor.position); at !== -1 && at < end;) {
    cursor.position = at + 'vertex'.length;
    const index = vertex();
    vertices += 1;
    if (vertices % 3 === 1) a = index;
    else if (vertices % 3 === 2) b = index;
    else mesh.triangle(a, b, index);
    at = text.indexOf('vertex', cursor.position);
  }
  if (vertices % 3 !== 0) {
    throw new UnreadableOutputError(`ASCII STL has ${vertices} vertices, not three per facet`);
  }
}
