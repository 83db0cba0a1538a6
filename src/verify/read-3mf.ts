import { unzipSync } from 'fflate';
import { findAttribute } from './find-attribute.js';
import { isTagAt } from './is-tag-at.js';
import { latin1Text } from './latin1-text.js';
import type { MeshSink } from './mesh-sink.js';
import { TextCursor } from './text-cursor.js';
import { UnreadableOutputError } from './unreadable-output-error.js';

const modelPath = '3d/3dmodel.model';
const identity = [1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0];

/**
 * Reads a 3MF package into the sink: the `3D/3dmodel.model` part of the zip (or its only `.model`
 * part), each object's `<vertex x y z>` list and its `<triangle v1 v2 v3>` by index into it.
 *
 * Every object's mesh counts, as OpenSCAD puts each of its objects in the build once. Components
 * and build transforms other than the identity are refused rather than measured wrongly: neither
 * OpenSCAD nor parascad's OFF converter writes them.
 *
 * @throws {UnreadableOutputError} when the zip, the model part or a vertex or triangle is
 *   malformed, or the package uses components or transforms.
 */
export function read3mf(bytes: Uint8Array, mesh: MeshSink): void {
  const text = latin1Text(modelPart(bytes));
  const cursor = new TextCursor(text);
  const number = (tagStart: number, tagEnd: number, name: string): number => {
    cursor.position = findAttribute(text, tagStart, tagEnd, name);
    const value = cursor.position === -1 ? Number.NaN : cursor.number();
    if (!Number.isFinite(value)) {
      cursor.position = tagStart;
      throw new UnreadableOutputError(
        `3MF model line ${cursor.lineNumber()}: expected a number in attribute "${name}"`,
      );
    }
    return value;
  };

  let vertices = new Int32Array(1024);
  let vertexCount = 0;
  const corner = (tagStart: number, tagEnd: number, name: string): number => {
    const index = number(tagStart, tagEnd, name);
    if (!(Number.isInteger(index) && index >= 0 && index < vertexCount)) {
      throw new UnreadableOutputError(
        `3MF triangle refers to vertex ${index}, not among the object's ${vertexCount}`,
      );
    }
    return vertices[index] ?? 0;
  };

  for (let at = text.indexOf('<'); at !== -1; at = text.indexOf('<', at + 1)) {
    const end = text.indexOf('>', at);
    if (end === -1) throw new UnreadableOutputError('3MF model ends inside a tag: truncated');
    if (isTagAt(text, at, 'vertex')) {
      if (vertexCount === vertices.length) {
        const grown = new Int32Array(2 * vertices.length);
        grown.set(vertices);
        vertices = grown;
      }
      vertices[vertexCount++] = mesh.vertex(
        number(at, end, 'x'),
        number(at, end, 'y'),
        number(at, end, 'z'),
      );
    } else if (isTagAt(text, at, 'triangle')) {
      mesh.triangle(corner(at, end, 'v1'), corner(at, end, 'v2'), corner(at, end, 'v3'));
    } else if (isTagAt(text, at, 'object')) {
      vertexCount = 0;
    } else if (isTagAt(text, at, 'components')) {
      throw new UnreadableOutputError('3MF objects made of components are not measured');
    } else if (isTagAt(text, at, 'item')) {
      checkIdentity(text, at, end);
    }
    at = end;
  }
}

function modelPart(bytes: Uint8Array): Uint8Array {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: (file) => file.name.toLowerCase().endsWith('.model') });
  } catch (error) {
    throw new UnreadableOutputError(`not a 3MF package: ${(error as Error).message}`);
  }
  const names = Object.keys(files);
  const name = names.find((found) => found.toLowerCase() === modelPath) ?? names[0];
  const part = name === undefined ? undefined : files[name];
  if (part === undefined) throw new UnreadableOutputError('3MF package without a 3D model part');
  if (names.length > 1 && name?.toLowerCase() !== modelPath) {
    throw new UnreadableOutputError(`3MF package with several model parts: ${names.join(', ')}`);
  }
  return part;
}

function checkIdentity(text: string, tagStart: number, tagEnd: number): void {
  const at = findAttribute(text, tagStart, tagEnd, 'transform');
  if (at === -1) return;
  const cursor = new TextCursor(text);
  cursor.position = at;
  for (const expected of identity) {
    cursor.skipWhitespace();
    if (cursor.number() !== expected) {
      throw new UnreadableOutputError('3MF build items with a transform are not measured');
    }
  }
}
