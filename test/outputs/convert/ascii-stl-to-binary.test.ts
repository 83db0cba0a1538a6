import { describe, expect, it } from 'vitest';
import { asciiStlToBinary, isBinaryStl } from '../../../src/outputs/convert/ascii-stl-to-binary.js';
import { measureOutput } from '../../../src/formats/measure-output.js';
import { UnreadableOutputError } from '../../../src/formats/unreadable-output-error.js';

/** A unit cube as OpenSCAD 2021 writes it: 12 facets, outward winding. */
function asciiCube(size: number): string {
  const corners = (x: number, y: number, z: number): string =>
    `      vertex ${x * size} ${y * size} ${z * size}\n`;
  const faces: [number, number, number][][] = [
    [
      [0, 0, 0],
      [0, 1, 0],
      [1, 1, 0],
    ],
    [
      [0, 0, 0],
      [1, 1, 0],
      [1, 0, 0],
    ],
    [
      [0, 0, 1],
      [1, 0, 1],
      [1, 1, 1],
    ],
    [
      [0, 0, 1],
      [1, 1, 1],
      [0, 1, 1],
    ],
    [
      [0, 0, 0],
      [1, 0, 0],
      [1, 0, 1],
    ],
    [
      [0, 0, 0],
      [1, 0, 1],
      [0, 0, 1],
    ],
    [
      [0, 1, 0],
      [0, 1, 1],
      [1, 1, 1],
    ],
    [
      [0, 1, 0],
      [1, 1, 1],
      [1, 1, 0],
    ],
    [
      [0, 0, 0],
      [0, 0, 1],
      [0, 1, 1],
    ],
    [
      [0, 0, 0],
      [0, 1, 1],
      [0, 1, 0],
    ],
    [
      [1, 0, 0],
      [1, 1, 0],
      [1, 1, 1],
    ],
    [
      [1, 0, 0],
      [1, 1, 1],
      [1, 0, 1],
    ],
  ];
  const facets = faces
    .map(
      (face) =>
        `  facet normal 0 0 0\n    outer loop\n${face.map((c) => corners(...c)).join('')}    endloop\n  endfacet\n`,
    )
    .join('');
  return `solid OpenSCAD_Model\n${facets}endsolid OpenSCAD_Model\n`;
}

describe('asciiStlToBinary', () => {
  it('writes the same solid as a binary STL of 84 + 50 bytes a facet', () => {
    const ascii = new TextEncoder().encode(asciiCube(2));
    const binary = asciiStlToBinary(ascii);

    expect(binary.length).toBe(84 + 50 * 12);
    expect(isBinaryStl(binary)).toBe(true);
    expect(isBinaryStl(ascii)).toBe(false);
    expect(measureOutput('stl', binary)).toEqual(measureOutput('stl', ascii));
  });

  it('computes outward unit normals from the winding', () => {
    const binary = asciiStlToBinary(new TextEncoder().encode(asciiCube(1)));
    const view = new DataView(binary.buffer, binary.byteOffset);
    // The first facet lies in z = 0 and is wound clockwise seen from above: its normal is -z.
    expect([0, 4, 8].map((offset) => view.getFloat32(84 + offset, true))).toEqual([0, 0, -1]);
  });

  it('answers a binary STL as it is', () => {
    const binary = asciiStlToBinary(new TextEncoder().encode(asciiCube(1)));
    expect(asciiStlToBinary(binary)).toBe(binary);
  });

  it('refuses bytes that are not an STL', () => {
    expect(() => asciiStlToBinary(new TextEncoder().encode('OFF\n0 0 0\n'))).toThrow(
      UnreadableOutputError,
    );
  });
});
