import { createHash } from 'node:crypto';
import type { MeshSink } from './mesh-sink.js';
import { mixDouble } from './mix-double.js';

/**
 * Coordinates are compared to a micrometre: what an ASCII and a binary STL of the same mesh
 * share, and far below anything a printer or a reviewer can see.
 */
const grid = 1e6;

/**
 * What a digest of this form starts with. The first form (64 hex digits, no prefix) sorted faces
 * as text; digests of different forms are not compared (the facts are, see `compare-part`).
 */
export const geometryDigestPrefix = 'g2-';

/**
 * Builds a digest of a mesh or drawing that does not depend on how the file orders it: each face
 * (or ring) is turned to start at its smallest corner, so its winding is kept, and hashed from
 * its corners' coordinates rounded to a micrometre; the faces' hashes are sorted and digested
 * together. Numbers throughout — no text per corner or face — so that digesting costs about as
 * much as reading the file. Faces are hashed to 53 bits: two meshes that differ get the same
 * digest only if a changed face's hash meets another's, far less likely than a wrong byte on disk.
 */
export class GeometryDigester implements MeshSink {
  #points = new Float64Array(3 * 64);
  #count = 0;
  #faces = new Float64Array(64);
  #faceCount = 0;
  #corners = new Int32Array(16);

  vertex(x: number, y: number, z: number): number {
    if (3 * this.#count + 3 > this.#points.length) this.#points = grown(this.#points);
    const at = 3 * this.#count;
    // `+ 0` turns -0 into 0: a coordinate rounded to zero from either side is the same.
    this.#points[at] = Math.round(x * grid) + 0;
    this.#points[at + 1] = Math.round(y * grid) + 0;
    this.#points[at + 2] = Math.round(z * grid) + 0;
    return this.#count++;
  }

  triangle(a: number, b: number, c: number): void {
    const corners = this.#corners;
    corners[0] = a;
    corners[1] = b;
    corners[2] = c;
    this.#addFace(corners, 3, this.#points, 3);
  }

  polygon(corners: ArrayLike<number>, count: number): void {
    if (count > this.#corners.length) this.#corners = new Int32Array(2 * count);
    for (let corner = 0; corner < count; corner++) this.#corners[corner] = corners[corner] ?? 0;
    this.#addFace(this.#corners, count, this.#points, 3);
  }

  /** Adds a drawing's ring (`x0 y0 x1 y1 …`, closing edge implied). */
  ring(ring: Float64Array): void {
    const count = ring.length >> 1;
    const points = new Float64Array(2 * count);
    for (let index = 0; index < 2 * count; index++) {
      points[index] = Math.round((ring[index] ?? 0) * grid) + 0;
    }
    const corners = new Int32Array(count);
    for (let corner = 0; corner < count; corner++) corners[corner] = corner;
    this.#addFace(corners, count, points, 2);
  }

  /** The digest of everything added, tagged with what it is (`mesh`, `drawing`). */
  digest(kind: string): string {
    const faces = this.#faces.subarray(0, this.#faceCount).sort();
    const hash = createHash('sha256').update(`${kind}\n`);
    hash.update(new Uint8Array(faces.buffer, faces.byteOffset, faces.byteLength));
    return `${geometryDigestPrefix}${hash.digest('hex')}`;
  }

  #addFace(corners: Int32Array, count: number, points: Float64Array, dimensions: number): void {
    let smallest = 0;
    for (let corner = 1; corner < count; corner++) {
      if (
        comparePoints(
          points,
          dimensions * (corners[corner] ?? 0),
          dimensions * (corners[smallest] ?? 0),
          dimensions,
        ) < 0
      ) {
        smallest = corner;
      }
    }
    // Two hash states from different seeds: 53 bits of the face, more than one state holds.
    let high = 0x9e3779b9 ^ count;
    let low = 0x7f4a7c15 ^ count;
    for (let step = 0; step < count; step++) {
      const at = dimensions * (corners[(smallest + step) % count] ?? 0);
      for (let axis = 0; axis < dimensions; axis++) {
        const value = points[at + axis] ?? 0;
        high = mixDouble(high, value);
        low = mixDouble(low, value);
      }
    }
    if (this.#faceCount === this.#faces.length) this.#faces = grown(this.#faces);
    // 21 bits of one lane and 32 of the other: an integer a double holds exactly.
    this.#faces[this.#faceCount++] = (high & 0x1fffff) * 0x100000000 + (low >>> 0);
  }
}

function comparePoints(points: Float64Array, a: number, b: number, dimensions: number): number {
  for (let axis = 0; axis < dimensions; axis++) {
    const difference = (points[a + axis] ?? 0) - (points[b + axis] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

function grown(array: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> {
  const larger = new Float64Array(2 * array.length);
  larger.set(array);
  return larger;
}
