import { Buffer } from 'node:buffer';
import { MeshMeasurer } from '../../../src/formats/mesh-measurer.js';
import type { MeshSink } from '../../../src/formats/mesh-sink.js';
import type { MeshMeasure } from '../../../src/formats/output-measure.js';

/** Reads a mesh, given as text or bytes, with one reader, and measures it. */
export function measureWith(
  reader: (bytes: Uint8Array, mesh: MeshSink) => void,
  file: string | Uint8Array,
): MeshMeasure {
  const mesh = new MeshMeasurer();
  reader(typeof file === 'string' ? Buffer.from(file, 'latin1') : file, mesh);
  return mesh.measure();
}

/** The text as bytes. */
export function bytesOf(text: string): Uint8Array {
  return Buffer.from(text, 'latin1');
}
