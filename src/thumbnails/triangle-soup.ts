import type { MeshSink } from '../formats/mesh-sink.js';
import { triangulateFace } from '../formats/triangulate-face.js';

/**
 * A mesh sink that keeps what a picture of the mesh needs and nothing more: every point as the
 * reader gives it (no merging, which a picture does not need and which costs a hash per point)
 * and every face as triangles of indices. Memory and time grow linearly with the file.
 */
export class TriangleSoup implements MeshSink {
  #positions = new Float32Array(3 * 1024);
  #vertices = 0;
  #indices = new Uint32Array(3 * 1024);
  #triangles = 0;
  readonly #corners: number[] = [];

  /** Every point's x y z, by the index `vertex` gave it. */
  get positions(): Float32Array {
    return this.#positions.subarray(0, 3 * this.#vertices);
  }

  /** Three point indices per triangle. */
  get indices(): Uint32Array {
    return this.#indices.subarray(0, 3 * this.#triangles);
  }

  get triangleCount(): number {
    return this.#triangles;
  }

  vertex(x: number, y: number, z: number): number {
    if (3 * this.#vertices + 3 > this.#positions.length) {
      this.#positions = grown(this.#positions);
    }
    const at = 3 * this.#vertices;
    this.#positions[at] = x;
    this.#positions[at + 1] = y;
    this.#positions[at + 2] = z;
    return this.#vertices++;
  }

  triangle(a: number, b: number, c: number): void {
    if (3 * this.#triangles + 3 > this.#indices.length) this.#indices = grown(this.#indices);
    const at = 3 * this.#triangles;
    this.#indices[at] = a;
    this.#indices[at + 1] = b;
    this.#indices[at + 2] = c;
    this.#triangles += 1;
  }

  polygon(corners: ArrayLike<number>, count: number): void {
    this.#corners.length = 0;
    for (let corner = 0; corner < count; corner += 1) this.#corners.push(corners[corner] ?? 0);
    triangulateFace(this.#corners, this.positions, (a, b, c) => {
      this.triangle(a, b, c);
    });
  }

  /** The triangles' corners one after another (x y z, nine numbers per triangle), for a viewer. */
  unindexed(): Float32Array {
    const indices = this.indices;
    const positions = this.#positions;
    const flat = new Float32Array(3 * indices.length);
    for (let corner = 0; corner < indices.length; corner += 1) {
      const from = 3 * (indices[corner] ?? 0);
      flat[3 * corner] = positions[from] ?? 0;
      flat[3 * corner + 1] = positions[from + 1] ?? 0;
      flat[3 * corner + 2] = positions[from + 2] ?? 0;
    }
    return flat;
  }
}

function grown<T extends Float32Array | Uint32Array>(array: T): T {
  const bigger = new (array.constructor as new (length: number) => T)(2 * array.length);
  bigger.set(array);
  return bigger;
}
