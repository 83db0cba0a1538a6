import { describe, expect, it } from 'vitest';
import { readOff } from '../../src/formats/read-off.js';
import { UnreadableOutputError } from '../../src/formats/unreadable-output-error.js';
import { measureWith } from './support/measure-with.js';

/** A unit cube as OpenSCAD 2021 writes it: counts on the header line, quads. */
const cube = `OFF 8 6 0
0 0 1
1 0 1
1 1 1
0 1 1
0 1 0
1 1 0
1 0 0
0 0 0
4 0 1 2 3
4 4 5 6 7
4 7 6 1 0
4 6 5 2 1
4 5 4 3 2
4 4 7 0 3
`;

describe('readOff', () => {
  it('reads a mesh of quads', () => {
    expect(measureWith(readOff, cube)).toEqual({
      kind: '3d',
      volume: 1,
      area: 6,
      bounds: { min: [0, 0, 0], max: [1, 1, 1] },
      triangles: 12,
      closed: true,
      openEdges: 0,
      nonManifoldEdges: 0,
    });
  });

  it('reads counts on the line after the header, comments, blank lines, CRLF and colour columns', () => {
    const lines = cube.split('\n');
    const variant = [
      '# made by hand',
      'OFF',
      '',
      lines[0]?.slice(4),
      ...lines.slice(1, 9).map((line) => `${line} 255 0 0`),
      '# the faces',
      ...lines.slice(9, 15).map((line) => `${line} 249 215 44 255`),
    ].join('\r\n');
    expect(measureWith(readOff, variant)).toEqual(measureWith(readOff, cube));
  });

  it('refuses a broken OFF, naming the line', () => {
    const refuse = (text: string, message: string): void => {
      expect(() => measureWith(readOff, text)).toThrow(UnreadableOutputError);
      expect(() => measureWith(readOff, text)).toThrow(message);
    };
    refuse('solid x\n', 'OFF line 1: expected the "OFF" header');
    refuse('OFF\n', 'the file ends before the vertex count');
    refuse('OFF 8\n', 'OFF line 1: expected the face count');
    refuse(
      cube.replace('4 4 7 0 3', '4 4 7 0 8'),
      'OFF line 15: face 5 refers to vertex 8, which does not exist (there are 8)',
    );
    refuse(cube.replace('1 1 0', '1 x 0'), 'OFF line 7: expected the x y z of a vertex');
    refuse(cube.replace('4 5 4 3 2', '2 5 4'), 'OFF line 14: a face of 2 corners');
    refuse(cube.slice(0, cube.indexOf('4 0 1 2 3')), 'the file ends after 0 of 6 faces');
    refuse('OFF 99999999 1 0\n0 0 0\n', '99999999 vertices cannot fit in the file');
  });
});
