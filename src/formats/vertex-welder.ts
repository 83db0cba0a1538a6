import { mixDouble } from './mix-double.js';

/**
 * Gives one index to every distinct point, by exact coordinates (0 and -0 are the same point).
 *
 * STL repeats a vertex's coordinates in every facet that uses it, and other formats may list a
 * point twice; an edge can only be matched with its neighbour's once both ends are the same
 * vertex. An open-addressing hash table over the coordinates' bits keeps this to a few array
 * operations per point, with no strings, for meshes of millions of vertices.
 */
export class VertexWelder {
  // Small to start with: most parts checked in a run are small, and both grow by doubling.
  #positions = new Float64Array(3 * 64);
  #count = 0;
  #slots = new Int32Array(256).fill(-1);

  /** How many distinct points have been seen. */
  get count(): number {
    return this.#count;
  }

  /** The coordinates of every distinct point, x y z after x y z, in the order they were first seen. */
  get positions(): Float64Array {
    return this.#positions.subarray(0, 3 * this.#count);
  }

  /** The index of the point: the index it was given before, or the next one. */
  index(x: number, y: number, z: number): number {
    // Adding 0 turns -0 into 0 and leaves every other value as it is.
    const px = x + 0;
    const py = y + 0;
    const pz = z + 0;
    const slots = this.#slots;
    const mask = slots.length - 1;
    const positions = this.#positions;
    for (let slot = hash(px, py, pz) & mask; ; slot = (slot + 1) & mask) {
      const found = slots[slot] ?? -1;
      if (found === -1) {
        const index = this.#count;
        this.#store(index, px, py, pz);
        slots[slot] = index;
        this.#count = index + 1;
        if (2 * this.#count > slots.length) this.#rehash();
        return index;
      }
      if (
        positions[3 * found] === px &&
        positions[3 * found + 1] === py &&
        positions[3 * found + 2] === pz
      ) {
        return found;
      }
    }
  }

  #store(index: number, x: number, y: number, z: number): void {
    if (3 * index + 3 > this.#positions.length) {
      const grown = new Float64Array(2 * this.#positions.length);
      grown.set(this.#positions);
      this.#positions = grown;
    }
    this.#positions[3 * index] = x;
    this.#positions[3 * index + 1] = y;
    this.#positions[3 * index + 2] = z;
  }

  #rehash(): void {
    const slots = new Int32Array(2 * this.#slots.length).fill(-1);
    const mask = slots.length - 1;
    const positions = this.#positions;
    for (let index = 0; index < this.#count; index += 1) {
      let slot =
        hash(
          positions[3 * index] ?? 0,
          positions[3 * index + 1] ?? 0,
          positions[3 * index + 2] ?? 0,
        ) & mask;
      while (slots[slot] !== -1) slot = (slot + 1) & mask;
      slots[slot] = index;
    }
    this.#slots = slots;
  }
}

function hash(x: number, y: number, z: number): number {
  let h = mixDouble(0x9e3779b9, x);
  h = mixDouble(h, y);
  h = mixDouble(h, z);
  return (h ^ (h >>> 15)) >>> 0;
}
