import type { MeshSink } from './mesh-sink.js';

/**
 * Gives what one reader reads to two sinks, so that a file is parsed once for both (measuring a
 * mesh and digesting its geometry). Each sink numbers points its own way (the measurer merges
 * equal points): faces are passed on in each one's numbers.
 */
export class TeeSink implements MeshSink {
  #indices = new Int32Array(2 * 64);
  #count = 0;
  #firstCorners = new Int32Array(16);
  #secondCorners = new Int32Array(16);

  constructor(
    private readonly first: MeshSink,
    private readonly second: MeshSink,
  ) {}

  vertex(x: number, y: number, z: number): number {
    if (2 * this.#count + 2 > this.#indices.length) {
      const larger = new Int32Array(2 * this.#indices.length);
      larger.set(this.#indices);
      this.#indices = larger;
    }
    this.#indices[2 * this.#count] = this.first.vertex(x, y, z);
    this.#indices[2 * this.#count + 1] = this.second.vertex(x, y, z);
    return this.#count++;
  }

  triangle(a: number, b: number, c: number): void {
    const indices = this.#indices;
    this.first.triangle(indices[2 * a] ?? 0, indices[2 * b] ?? 0, indices[2 * c] ?? 0);
    this.second.triangle(indices[2 * a + 1] ?? 0, indices[2 * b + 1] ?? 0, indices[2 * c + 1] ?? 0);
  }

  polygon(corners: ArrayLike<number>, count: number): void {
    if (count > this.#firstCorners.length) {
      this.#firstCorners = new Int32Array(2 * count);
      this.#secondCorners = new Int32Array(2 * count);
    }
    for (let corner = 0; corner < count; corner++) {
      const index = corners[corner] ?? 0;
      this.#firstCorners[corner] = this.#indices[2 * index] ?? 0;
      this.#secondCorners[corner] = this.#indices[2 * index + 1] ?? 0;
    }
    this.first.polygon(this.#firstCorners, count);
    this.second.polygon(this.#secondCorners, count);
  }
}
