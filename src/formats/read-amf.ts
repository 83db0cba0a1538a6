import { unzipSync } from 'fflate';
import { countNoun } from './count-noun.js';
import { isTagAt } from './is-tag-at.js';
import { latin1Text } from './latin1-text.js';
import type { MeshSink } from './mesh-sink.js';
import { reportUnsupported, type ReadOptions } from './read-options.js';
import { TextCursor } from './text-cursor.js';
import { UnreadableOutputError } from './unreadable-output-error.js';

/**
 * Reads an AMF file into the sink: each object's `<vertex>` list (`<coordinates>` of `<x>`, `<y>`,
 * `<z>`) and each volume's `<triangle>` of `<v1>`, `<v2>`, `<v3>` by index into it. OpenSCAD writes
 * plain XML; a zip-compressed AMF, which the standard also allows, is unpacked first.
 *
 * Constellations (placed copies of objects) are not read (see `options.onUnsupported`): OpenSCAD
 * does not write them.
 *
 * @returns A summary of the file: `48 triangles`.
 * @throws {UnreadableOutputError} when the file is malformed, cut short or has no triangles.
 */
export function readAmf(bytes: Uint8Array, mesh: MeshSink, options?: ReadOptions): string {
  const text = latin1Text(isZip(bytes) ? unzipOnlyFile(bytes) : bytes);
  if (!/<amf[\s>]/.test(text.slice(0, 4096))) {
    throw new UnreadableOutputError('not an AMF file: no <amf> element');
  }
  if (!/<\/amf>\s*$/.test(text.slice(-64))) {
    throw new UnreadableOutputError('AMF without its closing </amf>: truncated');
  }
  const cursor = new TextCursor(text);
  const number = (at: number, what: string): number => {
    cursor.position = text.indexOf('>', at) + 1;
    cursor.skipWhitespace();
    const value = cursor.number();
    if (!Number.isFinite(value)) {
      throw new UnreadableOutputError(`AMF line ${cursor.lineNumber()}: expected ${what}`);
    }
    return value;
  };

  let vertices = new Int32Array(1024);
  let vertexCount = 0;
  const coordinates = [Number.NaN, Number.NaN, Number.NaN];
  const corners = [-1, -1, -1];
  const corner = (at: number, which: number): void => {
    const index = number(at, 'a vertex index');
    if (!(Number.isInteger(index) && index >= 0 && index < vertexCount)) {
      throw new UnreadableOutputError(
        `AMF triangle refers to vertex ${index}, not among the object's ${vertexCount}`,
      );
    }
    corners[which] = vertices[index] ?? 0;
  };

  let inVertex = false;
  let triangles = 0;
  for (let at = text.indexOf('<'); at !== -1; at = text.indexOf('<', at + 1)) {
    if (inVertex && isTagAt(text, at, 'x')) coordinates[0] = number(at, 'the x coordinate');
    else if (inVertex && isTagAt(text, at, 'y')) coordinates[1] = number(at, 'the y coordinate');
    else if (inVertex && isTagAt(text, at, 'z')) coordinates[2] = number(at, 'the z coordinate');
    else if (isTagAt(text, at, 'v1')) corner(at, 0);
    else if (isTagAt(text, at, 'v2')) corner(at, 1);
    else if (isTagAt(text, at, 'v3')) corner(at, 2);
    else if (isTagAt(text, at, 'vertex')) {
      inVertex = true;
      coordinates.fill(Number.NaN);
    } else if (isTagAt(text, at, '/vertex')) {
      inVertex = false;
      const [x = Number.NaN, y = Number.NaN, z = Number.NaN] = coordinates;
      if (Number.isNaN(x + y + z)) {
        cursor.position = at;
        throw new UnreadableOutputError(`AMF line ${cursor.lineNumber()}: a vertex without x y z`);
      }
      if (vertexCount === vertices.length) {
        const grown = new Int32Array(2 * vertices.length);
        grown.set(vertices);
        vertices = grown;
      }
      vertices[vertexCount++] = mesh.vertex(x, y, z);
    } else if (isTagAt(text, at, 'triangle')) {
      corners.fill(-1);
    } else if (isTagAt(text, at, '/triangle')) {
      const [a = -1, b = -1, c = -1] = corners;
      if (a < 0 || b < 0 || c < 0) {
        cursor.position = at;
        throw new UnreadableOutputError(
          `AMF line ${cursor.lineNumber()}: a triangle without v1 v2 v3`,
        );
      }
      mesh.triangle(a, b, c);
      triangles += 1;
    } else if (isTagAt(text, at, 'object')) {
      vertexCount = 0;
    } else if (isTagAt(text, at, 'constellation')) {
      reportUnsupported(options, 'AMF constellations are not measured');
    }
  }
  if (triangles === 0) throw new UnreadableOutputError('AMF with no triangles');
  return countNoun(triangles, 'triangle');
}

function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b;
}

function unzipOnlyFile(bytes: Uint8Array): Uint8Array {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch (error) {
    throw new UnreadableOutputError(`not a zip-compressed AMF: ${(error as Error).message}`);
  }
  const entries = Object.values(files);
  const [only] = entries;
  if (entries.length !== 1 || only === undefined) {
    throw new UnreadableOutputError(`a zip-compressed AMF holds one file, not ${entries.length}`);
  }
  return only;
}
