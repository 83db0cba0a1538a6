import { countNoun } from './count-noun.js';
import { latin1Text } from './latin1-text.js';
import { UnreadableOutputError } from './unreadable-output-error.js';

/**
 * Checks that a Wavefront OBJ file has vertices and faces, and that its last face joins three
 * known vertices: truncation usually cuts the last face.
 *
 * @returns A summary: `48 faces, 24 vertices`.
 * @throws {UnreadableOutputError} naming what is missing.
 */
export function checkObj(bytes: Uint8Array): string {
  const text = latin1Text(bytes);
  let vertices = 0;
  let faces = 0;
  let lastFace = -1;
  for (let at = 0; at < text.length;) {
    let start = at;
    while (isBlank(text.charCodeAt(start))) start += 1;
    const keyword = text.charCodeAt(start);
    if (isBlank(text.charCodeAt(start + 1))) {
      if (keyword === 0x76) vertices += 1;
      else if (keyword === 0x66) {
        faces += 1;
        lastFace = start;
      }
    }
    const lineEnd = text.indexOf('\n', start);
    at = lineEnd === -1 ? text.length : lineEnd + 1;
  }
  if (vertices === 0 || faces === 0) {
    throw new UnreadableOutputError(
      `OBJ needs vertices and faces, has ${vertices} "v" and ${faces} "f" lines`,
    );
  }
  const lineEnd = text.indexOf('\n', lastFace);
  const line = text.slice(lastFace, lineEnd === -1 ? text.length : lineEnd).trim();
  let corners = 0;
  for (const token of line.split(/[ \t]+/).slice(1)) {
    const index = Number.parseInt(token, 10);
    if (index === 0 || !(Math.abs(index) <= vertices)) break;
    corners += 1;
  }
  if (corners < 3) throw new UnreadableOutputError(`OBJ last face is incomplete: "${line}"`);
  return `${countNoun(faces, 'face')}, ${countNoun(vertices, 'vertex', 'vertices')}`;
}

function isBlank(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0d;
}
