import { describe, expect, it } from 'vitest';
import { readStl } from '../../src/formats/read-stl.js';
import { UnreadableOutputError } from '../../src/formats/unreadable-output-error.js';
import { measureWith } from './support/measure-with.js';
import { asciiStl, binaryStl, tetrahedron } from './support/stl-files.js';

describe('readStl', () => {
  it('reads an ASCII STL, whatever its solid is called', () => {
    for (const name of ['OpenSCAD_Model', 'vertex 1 2 3', '']) {
      const measure = measureWith(readStl, asciiStl(tetrahedron, name));
      expect(measure).toMatchObject({ triangles: 4, closed: true });
      expect(measure.volume).toBeCloseTo(1 / 6, 15);
    }
  });

  it('reads a binary STL, even one whose header starts with "solid"', () => {
    for (const header of ['', 'solid OpenSCAD_Model', 'solid x\n  facet normal 0 0 0']) {
      const measure = measureWith(readStl, binaryStl(tetrahedron, header));
      expect(measure).toMatchObject({ triangles: 4, closed: true });
      expect(measure.volume).toBeCloseTo(1 / 6, 7);
    }
  });

  it('reads every solid of an ASCII file with several, and CRLF line ends', () => {
    const text = (
      asciiStl(tetrahedron.slice(0, 2), 'a') + asciiStl(tetrahedron.slice(2), 'b')
    ).replaceAll('\n', '\r\n');
    expect(measureWith(readStl, text)).toMatchObject({ triangles: 4, closed: true });
  });

  it('reads coordinates written with exponents', () => {
    const scaled = tetrahedron.map((corners) =>
      corners.map(([x, y, z]): [number, number, number] => [x * 1e-7, y * 1e-7, z * 1e-7]),
    );
    const text = asciiStl(scaled).replaceAll(/\b1e-7\b/g, '1e-07');
    expect(text).toContain('1e-07');
    expect(measureWith(readStl, text).volume).toBeCloseTo(1e-21 / 6, 30);
  });

  it('refuses what is neither kind of STL, or a broken one', () => {
    const refuse = (file: string | Uint8Array, message: RegExp | string): void => {
      expect(() => measureWith(readStl, file)).toThrow(UnreadableOutputError);
      expect(() => measureWith(readStl, file)).toThrow(message);
    };
    refuse('OFF 0 0 0\n', 'not an STL file');
    refuse(asciiStl(tetrahedron).replace(/endsolid.*\n$/, ''), 'without "endsolid"');
    refuse(asciiStl(tetrahedron).replace(/ {6}vertex 1 0 0\n/, ''), 'ASCII STL is malformed');
    refuse(
      asciiStl(tetrahedron).replace('vertex 0 1 0', 'vertex 0 nan 0'),
      /ASCII STL line 5: expected the x y z/,
    );
    const infinite = binaryStl(tetrahedron);
    new DataView(infinite.buffer).setFloat32(84 + 50 * 2 + 20, Number.POSITIVE_INFINITY, true);
    refuse(infinite, 'binary STL facet 3 has a non-finite number');
  });
});
