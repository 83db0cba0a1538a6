const bitsOf = new Float64Array(1);
const wordsOf = new Int32Array(bitsOf.buffer);

/**
 * Mixes a number's 64 bits into a 32-bit hash state (a MurmurHash3-style step): for hashing
 * coordinates by their exact bits, with no strings. Chain it over several numbers.
 */
export function mixDouble(seed: number, value: number): number {
  bitsOf[0] = value;
  let h = Math.imul(seed ^ (wordsOf[0] ?? 0), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13) ^ (wordsOf[1] ?? 0), 0xc2b2ae35);
  return h ^ (h >>> 16);
}
