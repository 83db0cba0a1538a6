import { createHash } from 'node:crypto';
import { drawingReaders, meshReaders } from '../formats/inspect-output.js';
import type { MeshSink } from '../formats/mesh-sink.js';

/**
 * Coordinates are compared to a micrometre: what an ASCII and a binary STL of the same mesh
 * share, and far below anything a printer or a reviewer can see.
 */
const grid = 1e6;

/**
 * A digest of an output's geometry that does not depend on how the file orders it: the faces of a
 * mesh (each turned to start at its smallest corner, so winding is kept), or the rings of a
 * drawing, sorted, with coordinates rounded to a micrometre. Two files with the same digest hold
 * the same geometry even when their bytes differ — OpenSCAD 2021 writes an STL's facets in a
 * different order on every run. Undefined for formats parascad does not read, or a file it
 * cannot read.
 */
export function geometryDigest(format: string, bytes: Uint8Array): string | undefined {
  const key = format.replace(/^\./, '').toLowerCase();
  try {
    const meshReader = meshReaders.get(key);
    if (meshReader !== undefined) {
      const faces = new FaceCollector();
      meshReader(bytes, faces);
      return digestOf('mesh', faces.keys);
    }
    const drawingReader = drawingReaders.get(key);
    if (drawingReader !== undefined) {
      return digestOf(
        'drawing',
        drawingReader(bytes).contours.map((ring) => ringKey(ring)),
      );
    }
  } catch {
    // A file the readers refuse has no geometry to compare: its bytes still are.
  }
  return undefined;
}

function digestOf(kind: string, keys: string[]): string {
  const hash = createHash('sha256').update(kind);
  for (const key of keys.sort()) hash.update(key).update('\n');
  return hash.digest('hex');
}

/** Collects each face as text: its corners' rounded coordinates, from its smallest corner on. */
class FaceCollector implements MeshSink {
  readonly keys: string[] = [];
  readonly #points: string[] = [];

  vertex(x: number, y: number, z: number): number {
    this.#points.push(`${round(x)} ${round(y)} ${round(z)}`);
    return this.#points.length - 1;
  }

  triangle(a: number, b: number, c: number): void {
    this.#face([a, b, c]);
  }

  polygon(corners: ArrayLike<number>, count: number): void {
    this.#face(Array.from({ length: count }, (_, corner) => corners[corner] ?? 0));
  }

  #face(indices: readonly number[]): void {
    const corners = indices.map((index) => this.#points[index] ?? '');
    this.keys.push(rotateToSmallest(corners).join(','));
  }
}

/** The ring's points from its smallest point on, in its own order. */
function ringKey(ring: Float64Array): string {
  const points: string[] = [];
  for (let index = 0; index + 1 < ring.length; index += 2) {
    points.push(`${round(ring[index] ?? 0)} ${round(ring[index + 1] ?? 0)}`);
  }
  return rotateToSmallest(points).join(',');
}

function rotateToSmallest(items: readonly string[]): string[] {
  let smallest = 0;
  items.forEach((item, index) => {
    if (item < (items[smallest] ?? item)) smallest = index;
  });
  return [...items.slice(smallest), ...items.slice(0, smallest)];
}

function round(value: number): string {
  // `+ 0` turns -0 into 0: a coordinate rounded to zero from either side is the same.
  return String(Math.round(value * grid) + 0);
}
