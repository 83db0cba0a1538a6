import { describe, expect, it } from 'vitest';
import { readDxf } from '../../src/formats/read-dxf.js';
import { UnreadableOutputError } from '../../src/formats/unreadable-output-error.js';
import { bytesOf } from './support/measure-with.js';

/** A DXF group: its code and its value. */
type Group = readonly [number, string | number];

/** A DXF of the given entities, each a list of group code and value pairs. */
function dxf(entities: readonly (readonly Group[])[], ending = '  0\nEOF\n'): Uint8Array {
  const groups: Group[] = [
    [0, 'SECTION'],
    [2, 'HEADER'],
    [9, '$ACADVER'],
    [1, 'AC1006'],
    [0, 'ENDSEC'],
    [0, 'SECTION'],
    [2, 'BLOCKS'],
    [0, 'ENDSEC'],
    [0, 'SECTION'],
    [2, 'ENTITIES'],
    ...entities.flat(),
    [0, 'ENDSEC'],
  ];
  return bytesOf(
    groups.map(([code, value]) => `${String(code).padStart(3)}\n${value}\n`).join('') + ending,
  );
}

function line(x1: number, y1: number, x2: number, y2: number): [number, string | number][] {
  return [
    [0, 'LINE'],
    [8, '0'],
    [10, x1],
    [20, y1],
    [11, x2],
    [21, y2],
  ];
}

function polyline(
  points: readonly (readonly [number, number])[],
  closed = true,
): [number, string | number][] {
  return [
    [0, 'LWPOLYLINE'],
    [100, 'AcDbEntity'],
    [8, '0'],
    [100, 'AcDbPolyline'],
    [90, points.length],
    [70, closed ? 1 : 0],
    ...points.flatMap(([x, y]): [number, number][] => [
      [10, x],
      [20, y],
    ]),
  ];
}

function sorted(drawing: { readonly contours: readonly Float64Array[] }): number[][] {
  return drawing.contours.map((ring) => [...ring]).sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0));
}

describe('readDxf', () => {
  it('reads closed LWPOLYLINEs, as OpenSCAD 2025 writes them', () => {
    expect(
      sorted(
        readDxf(
          dxf([
            polyline([
              [0, 0],
              [10, 0],
              [10, 10],
            ]),
            polyline([
              [20, 0],
              [30, 0],
              [30, 5],
              [20, 5],
            ]),
          ]),
        ),
      ),
    ).toEqual([
      [0, 0, 10, 0, 10, 10],
      [20, 0, 30, 0, 30, 5, 20, 5],
    ]);
  });

  it('chains LINEs, as OpenSCAD 2021 writes them, and open polylines into contours', () => {
    const entities = [
      line(0, 0, 10, 0),
      line(10, 0, 10, 10),
      line(10, 10, 0, 0),
      polyline(
        [
          [20, 0],
          [30, 0],
          [30, 5],
        ],
        false,
      ),
      line(30, 5, 20, 0),
    ];
    const corners = readDxf(dxf(entities))
      .contours.map((ring) => {
        const points: string[] = [];
        for (let at = 0; at < ring.length; at += 2) points.push(`${ring[at]},${ring[at + 1]}`);
        return points.sort().join(' ');
      })
      .sort();
    expect(corners).toEqual(['0,0 10,0 10,10', '20,0 30,0 30,5']);
  });

  it('reads CRLF line ends and values with blanks around them', () => {
    const text = new TextDecoder()
      .decode(
        dxf([
          polyline([
            [0, 0],
            [1, 0],
            [1, 1],
          ]),
        ]),
      )
      .replaceAll('\n', ' \r\n');
    expect(readDxf(bytesOf(text)).contours).toHaveLength(1);
  });

  it('refuses a file that ends right after an entity starts, instead of reading it forever', () => {
    const text = new TextDecoder().decode(dxf([line(0, 0, 1, 0)]));
    const cut = text.slice(0, text.indexOf('LINE') + 'LINE\n'.length);
    expect(() => readDxf(bytesOf(cut))).toThrow('a LINE without both end points');
    expect(() => readDxf(bytesOf(cut), { onUnsupported: () => undefined })).toThrow(
      'a LINE without both end points',
    );
    expect(() =>
      readDxf(bytesOf(cut.replace('LINE', 'CIRCLE')), { onUnsupported: () => undefined }),
    ).toThrow('DXF without its closing EOF');
  });

  it('refuses entities it does not read, arcs, open outlines and a file cut short', () => {
    const refuse = (bytes: Uint8Array, message: RegExp | string): void => {
      expect(() => readDxf(bytes)).toThrow(UnreadableOutputError);
      expect(() => readDxf(bytes)).toThrow(message);
    };
    refuse(
      dxf([
        [
          [0, 'CIRCLE'],
          [10, 0],
          [20, 0],
          [40, 5],
        ],
      ]),
      /DXF line \d+: the entity CIRCLE is not measured/,
    );
    refuse(
      dxf([
        [
          ...polyline([
            [0, 0],
            [1, 0],
            [1, 1],
          ]),
          [42, 0.5],
        ],
      ]),
      'LWPOLYLINE arcs (bulges) are not measured',
    );
    refuse(dxf([line(0, 0, 1, 0), line(1, 0, 1, 1)]), 'an outline does not close');
    refuse(
      dxf([
        [
          [0, 'LINE'],
          [10, 0],
          [20, 0],
          [11, 1],
        ],
      ]),
      'a LINE without both end points',
    );
    refuse(
      dxf([
        [
          [0, 'LINE'],
          [10, 'x'],
          [20, 0],
          [11, 1],
          [21, 1],
        ],
      ]),
      'expected a number for group code 10',
    );
    refuse(
      dxf([
        polyline([
          [0, 0],
          [1, 0],
          [1, 1],
        ]).slice(0, -1),
      ]),
      'an LWPOLYLINE corner without both x and y',
    );
    refuse(
      dxf([
        [
          ...polyline([
            [0, 0],
            [1, 0],
            [1, 1],
          ]).slice(0, 4),
          [90, 4],
          [70, 1],
          [10, 0],
          [20, 0],
        ],
      ]),
      'an LWPOLYLINE of 4 corners lists 1',
    );
    refuse(
      dxf(
        [
          polyline([
            [0, 0],
            [1, 0],
            [1, 1],
          ]),
        ],
        '',
      ),
      'DXF without its closing EOF',
    );
    refuse(bytesOf('  0\nSECTION\nx\n'), 'DXF line 3: expected a group code');
  });
});
