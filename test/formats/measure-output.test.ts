import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { offTo3mf } from '../../src/outputs/convert/off-to-3mf.js';
import { measureOutput } from '../../src/formats/measure-output.js';
import type { OutputMeasure } from '../../src/formats/output-measure.js';
import { hasNativeOpenScad, nativeSkipReason } from '../support/has-native-openscad.js';
import { renderNative, renderWasm, type Export } from '../verify/support/render-model.js';
import { readModel, readVerifyFixture } from '../verify/support/verify-fixtures.js';

interface MeshAnswer {
  readonly volume: number;
  readonly area?: number;
  readonly min: readonly number[];
  readonly max: readonly number[];
  readonly triangles?: number;
}

/** The sphere OpenSCAD makes for `sphere(r, $fn = n)`: n/2 rings of n corners, as stacked frusta. */
function polygonalSphereVolume(radius: number, corners: number): number {
  const rings = corners / 2;
  const ringAt = (ring: number): { z: number; area: number } => {
    const polar = (Math.PI * (ring + 0.5)) / rings;
    const r = radius * Math.sin(polar);
    return {
      z: radius * Math.cos(polar),
      area: 0.5 * corners * r * r * Math.sin((2 * Math.PI) / corners),
    };
  };
  let volume = 0;
  for (let ring = 0; ring + 1 < rings; ring += 1) {
    const [a, b] = [ringAt(ring), ringAt(ring + 1)];
    volume += ((a.z - b.z) / 3) * (a.area + b.area + Math.sqrt(a.area * b.area));
  }
  return volume;
}

/** The sphere's widest ring and its poles' rings are both 5 cos(π/16) from its centre. */
const sphereExtent = 5 * Math.cos(Math.PI / 16);

/** What a reader who knows each model expects (see test/fixtures/verify/models/). */
const meshAnswers: Readonly<Record<string, MeshAnswer>> = {
  cube: { volume: 1000, area: 600, min: [0, 0, 0], max: [10, 10, 10], triangles: 12 },
  'bigger-cube': { volume: 1030.301, min: [0, 0, 0], max: [10.1, 10.1, 10.1], triangles: 12 },
  'two-cubes': { volume: 2000, area: 1200, min: [0, 0, 0], max: [30, 10, 10], triangles: 24 },
  'holed-cube': { volume: 840, area: 728, min: [0, 0, 0], max: [10, 10, 10], triangles: 32 },
  sphere: {
    volume: polygonalSphereVolume(5, 16),
    min: [-sphereExtent, -sphereExtent, -sphereExtent],
    max: [sphereExtent, sphereExtent, sphereExtent],
    triangles: 16 * 14 + 2 * 14,
  },
};

interface DrawingAnswer {
  readonly area: number;
  readonly max: readonly [number, number];
  readonly contours: number;
}

const drawingAnswers: Readonly<Record<string, DrawingAnswer>> = {
  plate: { area: 600 - 16 * 25 * Math.sin((2 * Math.PI) / 32), max: [30, 20], contours: 2 },
  'solid-plate': { area: 600, max: [30, 20], contours: 1 },
  islands: { area: 268, max: [40, 20], contours: 4 },
};

function meshAnswer(model: string): MeshAnswer {
  const answer = meshAnswers[model];
  if (answer === undefined) throw new Error(`no known answer for ${model}`);
  return answer;
}

function drawingAnswer(model: string): DrawingAnswer {
  const answer = drawingAnswers[model];
  if (answer === undefined) throw new Error(`no known answer for ${model}`);
  return answer;
}

/** OpenSCAD 2021 writes 6 significant digits: a measure is that close to the exact answer. */
const rounding = 1e-5;

function expectMesh(measure: OutputMeasure, answer: MeshAnswer): void {
  if (measure.kind !== '3d')
    throw new Error(`expected a 3D measure, got ${JSON.stringify(measure)}`);
  expect(Math.abs(measure.volume / answer.volume - 1)).toBeLessThan(rounding);
  if (answer.area !== undefined)
    expect(Math.abs(measure.area / answer.area - 1)).toBeLessThan(rounding);
  measure.bounds.min.forEach((value, axis) => {
    expect(value).toBeCloseTo(answer.min[axis] ?? Number.NaN, 4);
    expect(measure.bounds.max[axis]).toBeCloseTo(answer.max[axis] ?? Number.NaN, 4);
  });
  if (answer.triangles !== undefined) expect(measure.triangles).toBe(answer.triangles);
  expect(measure.closed).toBe(true);
}

function expectDrawing(measure: OutputMeasure, answer: DrawingAnswer): void {
  expect(measure).toEqual({
    kind: '2d',
    bounds: { min: [0, 0], max: answer.max },
    area: expect.closeTo(answer.area, 2) as unknown,
    contours: answer.contours,
  });
  if (measure.kind === '2d')
    expect(Math.abs(measure.area / answer.area - 1)).toBeLessThan(rounding);
}

const meshFormats: readonly (readonly [file: string, Export])[] = [
  ['stl', { suffix: 'stl' }],
  ['binary.stl', { suffix: 'stl', exportFormat: 'binstl' }],
  ['off', { suffix: 'off' }],
  ['amf', { suffix: 'amf' }],
  ['3mf', { suffix: '3mf' }],
];

const nativeMeshFiles = ['cube', 'holed-cube', 'two-cubes'].flatMap((model) =>
  meshFormats.map(([file]) => [model, `native/${model}.${file}`] as const),
);
const wasmMeshFiles = ['cube', 'holed-cube', 'two-cubes'].flatMap((model) =>
  meshFormats
    .filter(([file]) => file !== '3mf')
    .map(([file]) => [model, `wasm/${model}.${file}`] as const),
);
const drawingFiles = [
  ...['plate', 'solid-plate', 'islands'].flatMap((model) =>
    ['svg', 'dxf'].map((suffix) => [model, `native/${model}.${suffix}`] as const),
  ),
  ...['plate', 'islands'].flatMap((model) =>
    ['svg', 'dxf'].map((suffix) => [model, `wasm/${model}.${suffix}`] as const),
  ),
];

function suffixOf(path: string): string {
  return path.slice(path.lastIndexOf('.') + 1);
}

describe('measureOutput on real exports', () => {
  it.each([
    ...nativeMeshFiles,
    ...wasmMeshFiles,
    ['sphere', 'native/sphere.off'] as const,
    ['sphere', 'wasm/sphere.off'] as const,
    ['bigger-cube', 'native/bigger-cube.off'] as const,
  ])('measures %s from %s: its volume, surface, bounds and triangles', (model, path) => {
    expectMesh(measureOutput(suffixOf(path), readVerifyFixture(path)), meshAnswer(model));
  });

  it.each(drawingFiles)(
    'measures %s from %s: its bounds in model coordinates, area and contours',
    (model, path) => {
      const answer = drawingAnswer(model);
      expectDrawing(measureOutput(suffixOf(path), readVerifyFixture(path)), answer);
    },
  );

  it('counts the triangles of the fans of OpenSCAD 2025 quads as OpenSCAD 2021 triangulates them', () => {
    const native = measureOutput('off', readVerifyFixture('native/sphere.off'));
    const wasm = measureOutput('off', readVerifyFixture('wasm/sphere.off'));
    expect(Buffer.from(readVerifyFixture('wasm/sphere.off')).toString('latin1')).toMatch(/^4 /m);
    expect(native).toMatchObject({ kind: '3d', triangles: 16 * 14 + 2 * 14 });
    expect(wasm).toMatchObject({ kind: '3d', triangles: 16 * 14 + 2 * 14 });
  });

  it('measures the 3MF parascad converts from a WASM OFF as it measures the OFF', () => {
    const off = readVerifyFixture('wasm/holed-cube.off');
    const converted = offTo3mf(Buffer.from(off).toString('utf8'));
    expect(measureOutput('3mf', converted)).toEqual(measureOutput('off', off));
  });

  it('takes the format as a suffix with a dot, in any case', () => {
    const bytes = readVerifyFixture('native/cube.off');
    expect(measureOutput('.OFF', bytes)).toEqual(measureOutput('off', bytes));
    expect(measureOutput('binstl', readVerifyFixture('native/cube.binary.stl'))).toMatchObject({
      volume: 1000,
    });
  });

  it('finds an ASCII STL with one facet missing open', () => {
    const text = Buffer.from(readVerifyFixture('native/cube.stl')).toString('latin1');
    const lastFacet = text.lastIndexOf('  facet normal');
    const open =
      text.slice(0, lastFacet) +
      text.slice(text.indexOf('endfacet', lastFacet) + 'endfacet\n'.length);
    const measure = measureOutput('stl', Buffer.from(open, 'latin1'));
    expect(measure).toMatchObject({ kind: '3d', triangles: 11, closed: false });
  });

  it('says why when the format is not measured or the file is empty', () => {
    expect(measureOutput('png', new Uint8Array([1, 2, 3]))).toEqual({
      kind: 'none',
      reason: 'png is not a measured format',
    });
    expect(measureOutput('stl', new Uint8Array())).toEqual({
      kind: 'none',
      reason: 'the file is empty',
    });
  });

  it.each([...nativeMeshFiles, ...wasmMeshFiles, ...drawingFiles].map(([, path]) => path))(
    'gives no measure, with a reason, for %s cut in half',
    (path) => {
      const bytes = readVerifyFixture(path);
      const measure = measureOutput(
        suffixOf(path),
        bytes.subarray(0, Math.floor(bytes.length / 2)),
      );
      expect(measure).toEqual({ kind: 'none', reason: expect.any(String) as unknown });
    },
  );
});

describe('measureOutput on big files', () => {
  /**
   * A closed cube of side 100 whose faces are each cut into an n × n grid of squares, shifted off
   * the origin so that coordinates take all 17 digits, written as OpenSCAD 2025 writes ASCII STL.
   */
  function gridCubeStl(cells: number, offset: number): { text: string; triangles: number } {
    // Every coordinate is one of cells + 1 values: the text of each is made once.
    const values = Array.from({ length: cells + 1 }, (_, step) =>
      String((100 * step) / cells + offset),
    );
    const chunks: string[] = ['solid OpenSCAD_Model\n'];
    const corner = (axis: number, u: number, v: number, w: number): string => {
      const point = [0, 0, 0];
      point[axis] = w;
      point[(axis + 1) % 3] = u;
      point[(axis + 2) % 3] = v;
      return `      vertex ${point.map((step) => values[step] ?? '').join(' ')}\n`;
    };
    const facet = (a: string, b: string, c: string): void => {
      chunks.push('  facet normal 0 0 0\n    outer loop\n', a, b, c, '    endloop\n  endfacet\n');
    };
    for (let axis = 0; axis < 3; axis += 1) {
      for (let u = 0; u < cells; u += 1) {
        for (let v = 0; v < cells; v += 1) {
          const [a, b, c, d] = [
            corner(axis, u, v, 0),
            corner(axis, u + 1, v, 0),
            corner(axis, u + 1, v + 1, 0),
            corner(axis, u, v + 1, 0),
          ];
          // The face at w = 0 looks down its axis: wound clockwise in (u, v) seen from outside.
          facet(a, d, c);
          facet(a, c, b);
          const [e, f, g, h] = [
            corner(axis, u, v, cells),
            corner(axis, u + 1, v, cells),
            corner(axis, u + 1, v + 1, cells),
            corner(axis, u, v + 1, cells),
          ];
          facet(e, f, g);
          facet(e, g, h);
        }
      }
    }
    chunks.push('endsolid OpenSCAD_Model\n');
    return { text: chunks.join(''), triangles: 12 * cells * cells };
  }

  it('measures an ASCII STL of 170,000 triangles and 17-digit coordinates (45 MB) in seconds', () => {
    const { text, triangles } = gridCubeStl(120, 0.123456789012345);
    const bytes = Buffer.from(text, 'latin1');
    expect(bytes.length).toBeGreaterThan(40_000_000);
    const started = performance.now();
    const measure = measureOutput('stl', bytes);
    const seconds = (performance.now() - started) / 1000;
    expect(measure).toMatchObject({ kind: '3d', triangles, closed: true });
    expect(measure.kind === '3d' && measure.volume).toBeCloseTo(1e6, 3);
    expect(measure.kind === '3d' && measure.area).toBeCloseTo(6e4, 4);
    // One pass takes about a second; a quadratic step would take hours. The limit leaves room for
    // a busy machine.
    expect(seconds).toBeLessThan(15);
  });
});

const liveMeshModels = ['cube', 'holed-cube', 'two-cubes'] as const;
const liveDrawingFormats: readonly Export[] = [{ suffix: 'svg' }, { suffix: 'dxf' }];

describe.skipIf(!hasNativeOpenScad)(
  `measureOutput on fresh native renders ${nativeSkipReason}`,
  () => {
    it.each(
      liveMeshModels.flatMap((model) =>
        meshFormats.map(([name, output]) => [model, name, output] as const),
      ),
    )('measures %s rendered now to %s', (model, _name, output) => {
      expectMesh(
        measureOutput(output.suffix, renderNative(readModel(model), output)),
        meshAnswer(model),
      );
    });

    it.each(
      ['plate', 'islands'].flatMap((model) =>
        liveDrawingFormats.map((output) => [model, output.suffix, output] as const),
      ),
    )('measures %s rendered now to %s', (model, _suffix, output) => {
      const answer = drawingAnswer(model);
      expectDrawing(measureOutput(output.suffix, renderNative(readModel(model), output)), answer);
    });
  },
);

describe('measureOutput on fresh WASM renders', () => {
  it.each([
    ['cube', { suffix: 'off' }],
    ['holed-cube', { suffix: 'stl' }],
    ['holed-cube', { suffix: 'stl', exportFormat: 'binstl' }],
    ['two-cubes', { suffix: 'amf' }],
    ['sphere', { suffix: 'off' }],
  ] as const)('measures %s rendered now to %o', async (model, output) => {
    expectMesh(
      measureOutput(output.suffix, await renderWasm(readModel(model), output)),
      meshAnswer(model),
    );
  });

  it.each(
    ['plate', 'islands'].flatMap((model) =>
      liveDrawingFormats.map((output) => [model, output.suffix, output] as const),
    ),
  )('measures %s rendered now to %s', async (model, _suffix, output) => {
    const answer = drawingAnswer(model);
    expectDrawing(measureOutput(output.suffix, await renderWasm(readModel(model), output)), answer);
  });
});
