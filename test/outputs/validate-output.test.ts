import { Buffer } from 'node:buffer';
import { crc32, deflateSync } from 'node:zlib';
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { validateOutput } from '../../src/outputs/validate-output.js';
import { hasNativeOpenScad, nativeSkipReason } from '../support/has-native-openscad.js';
import { readFixture, readFixtureText } from './support/read-fixture.js';
import { renderNative } from './support/render-native.js';

/**
 * Real exports (see test/fixtures/outputs/generate.mjs) with what a reader who knows the model
 * expects to be counted: the mesh is a cube with an octagonal hole (24 vertices, 48 triangles once
 * triangulated), the drawing a square and a 16-segment circle.
 */
const realFiles: readonly [path: string, suffix: string, summary: string][] = [
  ['native/mesh.stl', 'stl', '48 facets'],
  ['native/mesh-binary.stl', 'stl', '48 facets'],
  ['native/mesh.off', 'off', '48 faces, 24 vertices'],
  ['native/u-prism.off', 'off', '10 faces, 16 vertices'],
  ['native/mesh.amf', 'amf', '48 triangles'],
  ['native/mesh.3mf', '3mf', '48 triangles'],
  ['native/mesh.nef3', 'nef3', '24 vertices'],
  ['native/mesh.csg', 'csg', '7 lines'],
  ['native/mesh.ast', 'ast', '4 lines'],
  ['native/mesh.term', 'term', '1 line'],
  ['native/echo.echo', 'echo', '1 line'],
  ['native/drawing.dxf', 'dxf', '20 entities'],
  ['native/drawing.svg', 'svg', '2 contours'],
  ['native/holed.svg', 'svg', '2 contours'],
  ['native/drawing.pdf', 'pdf', 'PDF 1.5, 9.7 KiB'],
  ['wasm/mesh.off', 'off', '48 faces, 24 vertices'],
  ['wasm/red-cube.off', 'off', '6 faces, 8 vertices'],
  ['wasm/u-prism.off', 'off', '10 faces, 16 vertices'],
  ['wasm/mesh.obj', 'obj', '48 faces, 24 vertices'],
  ['wasm/mesh.wrl', 'wrl', 'VRML 2.0, 1022 bytes'],
  ['wasm/drawing.dxf', 'dxf', '2 entities'],
  ['wasm/drawing.svg', 'svg', '2 contours'],
];

/** Formats whose truncation must be noticed (text formats without a closing marker cannot be). */
const structured = realFiles.filter(
  ([, suffix]) => !['csg', 'ast', 'term', 'echo'].includes(suffix),
);

describe('validateOutput', () => {
  it.each(realFiles)('accepts the real %s and summarises it', (path, suffix, summary) => {
    expect(validateOutput(suffix, readFixture(path))).toEqual({ ok: true, summary });
  });

  it.each(structured)('rejects %s cut in half as not a complete %s', (path, suffix) => {
    const bytes = readFixture(path);
    const check = validateOutput(suffix, bytes.subarray(0, Math.floor(bytes.length / 2)));
    expect(check.ok).toBe(false);
  });

  it.each(structured)('rejects %s when its last 20 bytes are missing', (path, suffix) => {
    const bytes = readFixture(path);
    expect(validateOutput(suffix, bytes.subarray(0, bytes.length - 20)).ok).toBe(false);
  });

  it.each([
    'stl',
    'off',
    'amf',
    '3mf',
    'wrl',
    'obj',
    'nef3',
    'dxf',
    'svg',
    'pdf',
    'csg',
    'ast',
    'png',
  ])('rejects an empty %s file', (suffix) => {
    expect(validateOutput(suffix, new Uint8Array())).toEqual({
      ok: false,
      reason: 'the file is empty',
    });
  });

  it.each(['echo', 'term'])('accepts an empty %s file, as a model may echo nothing', (suffix) => {
    expect(validateOutput(suffix, new Uint8Array())).toEqual({ ok: true, summary: 'empty' });
  });

  it('rejects every real file checked as another mesh or drawing format', () => {
    const meshAndDrawingFormats = [
      'stl',
      'off',
      'amf',
      '3mf',
      'wrl',
      'obj',
      'nef3',
      'dxf',
      'svg',
      'pdf',
    ];
    for (const [path, ownSuffix] of structured) {
      for (const suffix of meshAndDrawingFormats.filter((other) => other !== ownSuffix)) {
        expect({ path, suffix, ok: validateOutput(suffix, readFixture(path)).ok }).toEqual({
          path,
          suffix,
          ok: false,
        });
      }
    }
  });

  it('accepts the suffix with a leading dot and in capitals', () => {
    expect(validateOutput('.STL', readFixture('native/mesh.stl'))).toEqual({
      ok: true,
      summary: '48 facets',
    });
  });

  it('accepts a non-empty file of a suffix OpenSCAD has no exporter for, summarised by size', () => {
    expect(validateOutput('xyz', new Uint8Array(3000))).toEqual({ ok: true, summary: '2.9 KiB' });
    expect(validateOutput('xyz', new Uint8Array(5))).toEqual({ ok: true, summary: '5 bytes' });
  });
});

describe('validateOutput on STL', () => {
  it('reads a binary STL whose header starts with "solid" as binary', () => {
    const bytes = Buffer.from(readFixture('native/mesh-binary.stl'));
    bytes.write('solid OpenSCAD_Model', 0, 'latin1');
    expect(validateOutput('stl', bytes)).toEqual({ ok: true, summary: '48 facets' });
  });

  it('rejects a binary STL that counts no facets', () => {
    const bytes = Buffer.from(readFixture('native/mesh-binary.stl').subarray(0, 84));
    bytes.writeUInt32LE(0, 80);
    expect(validateOutput('stl', bytes)).toEqual({
      ok: false,
      reason: 'binary STL with no facets',
    });
  });

  it('rejects a binary STL with a NaN coordinate', () => {
    const bytes = Buffer.from(readFixture('native/mesh-binary.stl'));
    bytes.writeFloatLE(Number.NaN, 84 + 50 * 3 + 12);
    expect(validateOutput('stl', bytes)).toEqual({
      ok: false,
      reason: 'binary STL facet 4 has a non-finite number',
    });
  });

  it('rejects an ASCII STL that has a solid but no facets', () => {
    const lines = readFixtureText('native/mesh.stl').trimEnd().split('\n');
    const empty = `${lines[0] ?? ''}\n${lines.at(-1) ?? ''}\n`;
    expect(validateOutput('stl', Buffer.from(empty))).toEqual({
      ok: false,
      reason: 'ASCII STL with no facets',
    });
  });

  it('rejects an ASCII STL with a facet missing a vertex', () => {
    const text = readFixtureText('native/mesh.stl');
    const vertexLine = /^\s*vertex .*\n/m.exec(text);
    const broken = text.replace(vertexLine?.[0] ?? '', '');
    expect(validateOutput('stl', Buffer.from(broken))).toEqual({
      ok: false,
      reason: 'ASCII STL is malformed: 48 facets opened, 48 closed, 143 vertices',
    });
  });
});

describe('validateOutput on OFF', () => {
  it('accepts counts on the line after "OFF", comments and blank lines', () => {
    const text = readFixtureText('native/mesh.off');
    const reshaped = `# made by OpenSCAD\n${text.replace(/^OFF /, 'OFF\n\n')}`.replace(
      /\n3 /,
      '\n# faces follow\n3 ',
    );
    expect(validateOutput('off', Buffer.from(reshaped))).toEqual({
      ok: true,
      summary: '48 faces, 24 vertices',
    });
  });

  it('accepts the colour columns OpenSCAD 2025 writes after each face', () => {
    expect(readFixtureText('wasm/red-cube.off')).toContain('4 4 5 7 6 255 0 0');
    expect(validateOutput('off', readFixture('wasm/red-cube.off')).ok).toBe(true);
  });

  it('rejects a face that refers to a vertex past the last one', () => {
    const lines = readFixtureText('native/mesh.off').split('\n');
    lines[25] = (lines[25] ?? '').replace(/^3 \d+/, '3 24');
    const text = lines.join('\n');
    expect(validateOutput('off', Buffer.from(text))).toEqual({
      ok: false,
      reason: expect.stringContaining(
        'OFF line 26: face 0 refers to vertex 24, which does not exist (there are 24)',
      ) as string,
    });
  });

  it('rejects a mesh with no faces', () => {
    expect(validateOutput('off', Buffer.from('OFF 3 0 0\n0 0 0\n1 0 0\n0 1 0\n'))).toEqual({
      ok: false,
      reason: 'OFF mesh with no faces',
    });
  });
});

describe('validateOutput on 3MF, DXF and SVG', () => {
  it('follows the package relationships to a model part that is not at the usual path', () => {
    const model = unzipModel();
    const rels = `<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
 <Relationship Id="r" Target="/3D/part.model" Type="http://schemas.microsoft.com/3dmanufacturing/2013/01/3dmodel"/>
</Relationships>`;
    const moved = zipSync({
      '_rels/.rels': Buffer.from(rels),
      '3D/part.model': Buffer.from(model),
    });
    expect(validateOutput('3mf', moved)).toEqual({ ok: true, summary: '48 triangles' });
  });

  it('rejects a 3MF whose model has no triangles', () => {
    const emptied = unzipModel().replace(/<triangle [^>]*>/g, '');
    const bytes = zipSync({ '3D/3dmodel.model': Buffer.from(emptied) });
    expect(validateOutput('3mf', bytes)).toEqual({
      ok: false,
      reason: '3MF model with no triangles',
    });
  });

  it('rejects a DXF whose ENTITIES section is empty', () => {
    const text = readFixtureText('native/drawing.dxf');
    const emptied = text.replace(/ENTITIES\n[\s\S]*?\n( *0\nENDSEC)/, 'ENTITIES\n$1');
    expect(validateOutput('dxf', Buffer.from(emptied))).toEqual({
      ok: false,
      reason: 'DXF with no drawing entities',
    });
  });

  it('rejects an SVG with no path coordinates', () => {
    const text = readFixtureText('native/drawing.svg').replace(/ d="[^"]*"/, ' d=""');
    expect(validateOutput('svg', Buffer.from(text))).toEqual({
      ok: false,
      reason: 'SVG with no path, polygon or polyline coordinates',
    });
  });

  it('counts polygons and polylines as contours', () => {
    const svg =
      '<svg viewBox="0 0 10 10"><polygon points="0,0 5,0 5,5"/><polyline points="1 1 2 2"/></svg>';
    expect(validateOutput('svg', Buffer.from(svg))).toEqual({ ok: true, summary: '2 contours' });
  });
});

describe('validateOutput on nefdbg', () => {
  const dump = readFixture('native/mesh.nefdbg');

  it('accepts the real debug dump of a Nef polyhedron and counts its vertices', () => {
    expect(validateOutput('nefdbg', dump)).toEqual({ ok: true, summary: '24 vertices' });
  });

  it('rejects a dump cut short, an empty file and a plain SVG', () => {
    expect(validateOutput('nefdbg', dump.subarray(0, dump.length - 20))).toEqual({
      ok: false,
      reason: 'Nef polyhedron dump without its end marker: truncated',
    });
    expect(validateOutput('nefdbg', new Uint8Array())).toEqual({
      ok: false,
      reason: 'the file is empty',
    });
    expect(validateOutput('nefdbg', readFixture('native/drawing.svg')).ok).toBe(false);
  });
});

describe('validateOutput on PNG', () => {
  // Headless OpenSCAD cannot export PNG here (no OpenGL: 2021.01 segfaults after writing 0 bytes),
  // so this image is made by hand, chunk by chunk.
  const png = pngImage(3, 2);

  it('accepts a complete PNG and reports its size', () => {
    expect(validateOutput('png', png)).toEqual({ ok: true, summary: '3×2 px' });
  });

  it('rejects a PNG without its IEND chunk', () => {
    expect(validateOutput('png', png.subarray(0, png.length - 12))).toEqual({
      ok: false,
      reason: 'PNG without its IEND chunk: truncated',
    });
  });
});

describe('validateOutput on big files', () => {
  it('checks a 30 MB ASCII STL and a 25 MB OFF in well under the time of a render', () => {
    const stl = readFixtureText('native/mesh.stl');
    const bodyStart = stl.indexOf('\n') + 1;
    const body = stl.slice(bodyStart, stl.lastIndexOf('endsolid'));
    const bigStl = Buffer.from(`${stl.slice(0, bodyStart)}${body.repeat(4700)}endsolid big\n`);

    const off = readFixtureText('wasm/mesh.off').trimEnd().split('\n');
    const faces = off.slice(25).join('\n');
    const bigOff = Buffer.from(
      `OFF 24 ${48 * 25_000} 0\n${off.slice(1, 25).join('\n')}\n${`${faces}\n`.repeat(25_000)}`,
    );

    const started = performance.now();
    expect(validateOutput('stl', bigStl)).toEqual({ ok: true, summary: `${48 * 4700} facets` });
    expect(validateOutput('off', bigOff)).toEqual({
      ok: true,
      summary: `${48 * 25_000} faces, 24 vertices`,
    });
    // Generous for slow machines; a quadratic scan or line-array split takes far longer.
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

describe.skipIf(!hasNativeOpenScad)(
  `validateOutput on what the native openscad writes now ${nativeSkipReason}`,
  () => {
    const mesh = readFixtureText('models/mesh.scad');
    const drawing = readFixtureText('models/drawing.scad');
    const renders: readonly [
      description: string,
      source: string,
      output: string,
      args: string[],
    ][] = [
      ['ASCII STL', mesh, 'out.stl', []],
      ['binary STL', mesh, 'out.stl', ['--export-format', 'binstl']],
      ['OFF', mesh, 'out.off', []],
      ['AMF', mesh, 'out.amf', []],
      ['3MF', mesh, 'out.3mf', []],
      ['CSG', mesh, 'out.csg', []],
      ['DXF', drawing, 'out.dxf', []],
      ['SVG', drawing, 'out.svg', []],
      ['PDF', drawing, 'out.pdf', []],
    ];

    it.each(renders)('accepts a fresh %s render', (_description, source, output, args) => {
      const bytes = renderNative(source, output, { args });
      expect(validateOutput(output.slice(output.lastIndexOf('.') + 1), bytes).ok).toBe(true);
    });
  },
);

function unzipModel(): string {
  const model = unzipSync(readFixture('native/mesh.3mf'))['3D/3dmodel.model'];
  return Buffer.from(model ?? new Uint8Array()).toString('utf8');
}

/** A grey PNG image of the given size, encoded by the book: signature, IHDR, IDAT, IEND. */
function pngImage(width: number, height: number): Uint8Array {
  const chunk = (type: string, data: Uint8Array): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const framed = Buffer.alloc(body.length + 8);
    framed.writeUInt32BE(data.length, 0);
    body.copy(framed, 4);
    framed.writeUInt32BE(crc32(body), body.length + 4);
    return framed;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  const rows = Buffer.alloc((width + 1) * height, 0x80);
  for (let row = 0; row < height; row += 1) rows[row * (width + 1)] = 0; // filter type: none
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', new Uint8Array()),
  ]);
}
