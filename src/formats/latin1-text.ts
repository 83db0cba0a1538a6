import { Buffer } from 'node:buffer';

/**
 * The bytes as a string of one character per byte. Every format read here keeps its syntax in
 * ASCII, so this is exact where it matters, cannot fail on stray bytes in names, and gives a
 * one-byte string that V8 scans fastest.
 */
export function latin1Text(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}
