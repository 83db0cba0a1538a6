import { unzipSync } from 'fflate';
import { countNoun } from './count-noun.js';
import { findAttribute } from './find-attribute.js';
import { isTagAt } from './is-tag-at.js';
import { latin1Text } from './latin1-text.js';
import type { MeshSink } from './mesh-sink.js';
import { reportUnsupported, type ReadOptions } from './read-options.js';
import { TextCursor } from './text-cursor.js';
import { UnreadableOutputError } from './unreadable-output-error.js';

const modelPath = '3d/3dmodel.model';
const modelRelationshipType = 'http://schemas.microsoft.com/3dmanufacturing/2013/01/3dmodel';
const identity = [1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0];

/**
 * Reads a 3MF package into the sink: the model part the package's relationships point to (else
 * `3D/3dmodel.model`, else its only `.model` part), each object's `<vertex x y z>` list and its
 * `<triangle v1 v2 v3>` by index into it.
 *
 * Every object's mesh counts, as OpenSCAD puts each of its objects in the build once. Components
 * and build transforms other than the identity are not read (see `options.onUnsupported`):
 * neither OpenSCAD nor parascad's OFF converter writes them.
 *
 * @returns A summary of the file: `48 triangles`.
 * @throws {UnreadableOutputError} when the zip, the model part or a vertex or triangle is
 *   malformed or cut short, or the model has no triangles.
 */
export function read3mf(bytes: Uint8Array, mesh: MeshSink, options?: ReadOptions): string {
  const { name, part } = modelPart(bytes);
  const text = latin1Text(part);
  if (!/<model[\s>]/.test(text.slice(0, 4096))) {
    throw new UnreadableOutputError(`3MF ${name} has no <model> element`);
  }
  if (text.lastIndexOf('</model>') === -1) {
    throw new UnreadableOutputError(`3MF ${name} is truncated`);
  }
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

  let triangles = 0;
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
      triangles += 1;
    } else if (isTagAt(text, at, 'object')) {
      vertexCount = 0;
    } else if (isTagAt(text, at, 'components')) {
      reportUnsupported(options, '3MF objects made of components are not measured');
    } else if (isTagAt(text, at, 'item') && !isIdentity(text, at, end)) {
      reportUnsupported(options, '3MF build items with a transform are not measured');
    }
    at = end;
  }
  if (triangles === 0) throw new UnreadableOutputError('3MF model with no triangles');
  return countNoun(triangles, 'triangle');
}

/** The model part the package's root relationships name, else the usual one, else the only one. */
function modelPart(bytes: Uint8Array): { name: string; part: Uint8Array } {
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b)) {
    throw new UnreadableOutputError('not a 3MF package: not a zip archive');
  }
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (file) => file.name === '_rels/.rels' || file.name.toLowerCase().endsWith('.model'),
    });
  } catch (error) {
    throw new UnreadableOutputError(`not a 3MF package: ${(error as Error).message}`);
  }
  const relationships = files['_rels/.rels'];
  const target = relationships === undefined ? undefined : modelTarget(latin1Text(relationships));
  if (target !== undefined) {
    const part = files[target];
    if (part === undefined)
      throw new UnreadableOutputError(`3MF package has no model part ${target}`);
    return { name: target, part };
  }
  const names = Object.keys(files).filter((name) => name !== '_rels/.rels');
  const name = names.find((found) => found.toLowerCase() === modelPath) ?? names[0];
  const part = name === undefined ? undefined : files[name];
  if (name === undefined || part === undefined) {
    throw new UnreadableOutputError('3MF package without a 3D model part');
  }
  if (names.length > 1 && name.toLowerCase() !== modelPath) {
    throw new UnreadableOutputError(`3MF package with several model parts: ${names.join(', ')}`);
  }
  return { name, part };
}

/** The zip entry name of the 3D model part that the root relationships point to. */
function modelTarget(relationships: string): string | undefined {
  for (const [element] of relationships.matchAll(/<Relationship\b[^>]*>/g)) {
    if (attributeValue(element, 'Type') === modelRelationshipType) {
      return attributeValue(element, 'Target')?.replace(/^\//, '');
    }
  }
  return undefined;
}

function attributeValue(tag: string, name: string): string | undefined {
  const at = findAttribute(tag, 0, tag.length, name);
  if (at === -1) return undefined;
  const end = tag.indexOf(tag.charAt(at - 1), at);
  return end === -1 ? undefined : tag.slice(at, end);
}

function isIdentity(text: string, tagStart: number, tagEnd: number): boolean {
  const at = findAttribute(text, tagStart, tagEnd, 'transform');
  if (at === -1) return true;
  const cursor = new TextCursor(text);
  cursor.position = at;
  for (const expected of identity) {
    cursor.skipWhitespace();
    if (cursor.number() !== expected) return false;
  }
  return true;
}
