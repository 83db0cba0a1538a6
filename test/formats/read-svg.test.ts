import { describe, expect, it } from 'vitest';
import { readSvg } from '../../src/formats/read-svg.js';
import { UnreadableOutputError } from '../../src/formats/unreadable-output-error.js';
import { bytesOf } from './support/measure-with.js';

function svg(...paths: string[]): Uint8Array {
  const body = paths.map(
    (d) => `<path d="${d}" stroke="black" fill="lightgray" stroke-width="0.5"/>`,
  );
  return bytesOf(
    `<?xml version="1.0" standalone="no"?>\n<svg width="30mm" height="20mm" viewBox="0 -20 30 20" xmlns="http://www.w3.org/2000/svg" version="1.1">\n<title>OpenSCAD Model</title>\n${body.join('\n')}\n</svg>\n`,
  );
}

function rings(bytes: Uint8Array): number[][] {
  return readSvg(bytes).contours.map((ring) => [...ring]);
}

describe('readSvg', () => {
  it("reads each subpath of OpenSCAD's path as a contour, with y negated back", () => {
    expect(
      rings(svg('\nM 30,-20 L 0,-20 L 0,-0 L 30,-0 z\nM 12.5,-5.5 L 10,-10 L 12.5,-14.5\n z\n')),
    ).toEqual([
      [30, 20, 0, 20, 0, 0, 30, 0],
      [12.5, 5.5, 10, 10, 12.5, 14.5],
    ]);
  });

  it('reads relative, horizontal and vertical lines, implicit lines after a move, and several paths', () => {
    expect(rings(svg('m 1 -1 h 2 v -3 l -2 0 z', 'M 10,0 20,0 20,-5 Z m 5,0 l 1,0 0,-1'))).toEqual([
      [1, 1, 3, 1, 3, 4, 1, 4],
      [10, 0, 20, 0, 20, 5],
      [15, 0, 16, 0, 16, 1],
    ]);
  });

  it('refuses curves, transforms and a file cut short', () => {
    const refuse = (bytes: Uint8Array, message: string): void => {
      expect(() => readSvg(bytes)).toThrow(UnreadableOutputError);
      expect(() => readSvg(bytes)).toThrow(message);
    };
    refuse(svg('M 0,0 C 1,1 2,2 3,3 z'), 'path command "C" is not supported');
    refuse(svg('0,0 L 1,1 z'), 'path data does not start with a command');
    refuse(svg('M 0,0 L 1 z'), 'expected a number in the path data');
    const transformed = new TextDecoder()
      .decode(svg('M 0,0 L 1,0 L 1,1 z'))
      .replace('<path', '<path transform="scale(2)"');
    refuse(bytesOf(transformed), 'SVG transforms are not supported');
    const whole = svg('M 0,0 L 1,0 L 1,1 z');
    refuse(whole.subarray(0, whole.length - 10), 'SVG without its closing </svg>');
  });
});
