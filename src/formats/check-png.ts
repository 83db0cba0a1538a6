import { latin1Text } from './latin1-text.js';
import { UnreadableOutputError } from './unreadable-output-error.js';

const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * Checks that a PNG image has its signature, its IHDR header with a size above zero, and its
 * closing IEND chunk (absent when OpenSCAD crashed while writing it).
 *
 * @returns A summary: `800×600 px`.
 * @throws {UnreadableOutputError} naming what is missing.
 */
export function checkPng(bytes: Uint8Array): string {
  if (bytes.length < 33 || signature.some((byte, at) => bytes[at] !== byte)) {
    throw new UnreadableOutputError('not a PNG image: no PNG signature');
  }
  if (latin1Text(bytes.subarray(12, 16)) !== 'IHDR') {
    throw new UnreadableOutputError('PNG without its IHDR header');
  }
  if (latin1Text(bytes.subarray(bytes.length - 8, bytes.length - 4)) !== 'IEND') {
    throw new UnreadableOutputError('PNG without its IEND chunk: truncated');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  if (width === 0 || height === 0) {
    throw new UnreadableOutputError(`PNG of ${width}×${height} pixels`);
  }
  return `${width}×${height} px`;
}
