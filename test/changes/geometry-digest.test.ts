import { describe, expect, it } from 'vitest';
import { geometryDigest } from '../../src/changes/geometry-digest.js';
import {
  asciiStl as asciiText,
  binaryStl,
  tetrahedron,
  type Triangle,
} from '../formats/support/stl-files.js';

const asciiStl = (triangles: readonly Triangle[]): Uint8Array =>
  new TextEncoder().encode(asciiText(triangles));

describe('geometryDigest', () => {
  it('is the same for the same faces in another order, or starting at another corner', () => {
    const shuffled = [tetrahedron[2], tetrahedron[0], tetrahedron[3], tetrahedron[1]] as Triangle[];
    const rotated = tetrahedron.map(([a, b, c]) => [b, c, a] as Triangle);
    const digest = geometryDigest('stl', asciiStl(tetrahedron));
    expect(digest).toMatch(/^g2-[0-9a-f]{64}$/);
    expect(geometryDigest('stl', asciiStl(shuffled))).toBe(digest);
    expect(geometryDigest('stl', asciiStl(rotated))).toBe(digest);
    // ASCII and binary STL of the same mesh, whose floats differ far below a micrometre.
    expect(geometryDigest('stl', binaryStl(tetrahedron))).toBe(digest);
  });

  it('differs when a corner moves, or a face turns inside out', () => {
    const digest = geometryDigest('stl', asciiStl(tetrahedron));
    const moved = tetrahedron.map((corners) =>
      corners.map(([x, y, z]) => [x, y, z === 1 ? 1.001 : z] as [number, number, number]),
    );
    const flipped = tetrahedron.map(([a, b, c]) => [a, c, b] as Triangle);
    expect(geometryDigest('stl', asciiStl(moved))).not.toBe(digest);
    expect(geometryDigest('stl', asciiStl(flipped))).not.toBe(digest);
  });

  it('reads drawings ring by ring, wherever a ring starts', () => {
    const square = (path: string): Uint8Array =>
      new TextEncoder().encode(
        `<svg xmlns="http://www.w3.org/2000/svg" width="10mm" height="10mm" viewBox="0 0 10 10"><path d="${path}"/></svg>`,
      );
    const digest = geometryDigest('svg', square('M 0 0 L 10 0 L 10 10 L 0 10 Z'));
    expect(digest).toBeDefined();
    expect(geometryDigest('svg', square('M 10 0 L 10 10 L 0 10 L 0 0 Z'))).toBe(digest);
    expect(geometryDigest('svg', square('M 0 0 L 12 0 L 12 10 L 0 10 Z'))).not.toBe(digest);
  });

  it('has no digest for formats it does not read, or files it cannot', () => {
    expect(geometryDigest('png', new Uint8Array([1, 2, 3]))).toBeUndefined();
    expect(geometryDigest('stl', new TextEncoder().encode('solid x\nfacet oops'))).toBeUndefined();
  });
});
