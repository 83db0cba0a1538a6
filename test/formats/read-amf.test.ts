import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readAmf } from '../../src/formats/read-amf.js';
import { UnreadableOutputError } from '../../src/formats/unreadable-output-error.js';
import { bytesOf, measureWith } from './support/measure-with.js';
import { readVerifyFixture } from '../verify/support/verify-fixtures.js';

function amf(objects: readonly string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<amf unit="millimeter">\n${objects.join('\n')}\n</amf>\n`;
}

function tetrahedron(id: number, offset = 0): string {
  const vertex = (x: number, y: number, z: number): string =>
    `<vertex><coordinates><x>${x + offset}</x><y>${y}</y><z>${z}</z></coordinates></vertex>`;
  const triangle = (a: number, b: number, c: number): string =>
    `<triangle><v1>${a}</v1><v2>${b}</v2><v3>${c}</v3></triangle>`;
  return `<object id="${id}"><mesh><vertices>${vertex(0, 0, 0)}${vertex(1, 0, 0)}${vertex(0, 1, 0)}${vertex(0, 0, 1)}</vertices>
<volume>${triangle(0, 2, 1)}${triangle(0, 1, 3)}</volume><volume>${triangle(0, 3, 2)}${triangle(1, 2, 3)}</volume></mesh></object>`;
}

describe('readAmf', () => {
  it("reads every volume of every object, indices against the object's own vertices", () => {
    const measure = measureWith(readAmf, amf([tetrahedron(0), tetrahedron(1, 5)]));
    expect(measure).toMatchObject({
      triangles: 8,
      closed: true,
      bounds: { min: [0, 0, 0], max: [6, 1, 1] },
    });
    expect(measure.volume).toBeCloseTo(2 / 6, 15);
  });

  it('reads a zip-compressed AMF as the plain one', () => {
    const plain = readVerifyFixture('native/holed-cube.amf');
    expect(measureWith(readAmf, zipSync({ 'holed-cube.amf': plain }))).toEqual(
      measureWith(readAmf, plain),
    );
  });

  it('refuses constellations, bad vertices and triangles, and a file cut short', () => {
    const refuse = (file: string | Uint8Array, message: string): void => {
      expect(() => measureWith(readAmf, file)).toThrow(UnreadableOutputError);
      expect(() => measureWith(readAmf, file)).toThrow(message);
    };
    refuse(
      amf([tetrahedron(0), '<constellation id="2"><instance objectid="0"/></constellation>']),
      'AMF constellations are not measured',
    );
    refuse(
      amf([tetrahedron(0).replace('<v3>3</v3>', '<v3>7</v3>')]),
      "refers to vertex 7, not among the object's 4",
    );
    refuse(amf([tetrahedron(0).replace('<y>0</y>', '')]), 'AMF line 3: a vertex without x y z');
    refuse(
      amf([tetrahedron(0).replace('<v2>2</v2>', '')]),
      'AMF line 4: a triangle without v1 v2 v3',
    );
    refuse(amf([tetrahedron(0).replace('<z>1</z>', '<z>one</z>')]), 'expected the z coordinate');
    refuse(amf([tetrahedron(0)]).slice(0, -10), 'AMF without its closing </amf>');
    refuse(
      zipSync({ 'a.amf': bytesOf('x'), 'b.amf': bytesOf('y') }),
      'a zip-compressed AMF holds one file, not 2',
    );
  });
});
