import { describe, expect, it } from 'vitest';
import { compareMeasures } from '../../src/verify/compare-measures.js';
import { measureOutput } from '../../src/formats/measure-output.js';
import { cubeMeasure } from '../support/cube-measure.js';
import type {
  DrawingMeasure,
  MeshMeasure,
  OutputMeasure,
} from '../../src/formats/output-measure.js';
import { hasNativeOpenScad, nativeSkipReason } from '../support/has-native-openscad.js';
import { renderNative, renderWasm } from './support/render-model.js';
import { readModel, readVerifyFixture } from './support/verify-fixtures.js';

function mesh(volume: number, max: readonly [number, number, number] = [10, 10, 10]): MeshMeasure {
  return cubeMeasure({ volume, bounds: { min: [0, 0, 0], max } });
}

function drawing(area: number, max: readonly [number, number] = [30, 20]): DrawingMeasure {
  return { kind: '2d', bounds: { min: [0, 0], max }, area, contours: 2 };
}

function measureFixture(path: string): OutputMeasure {
  return measureOutput(path.slice(path.lastIndexOf('.') + 1), readVerifyFixture(path));
}

describe('compareMeasures', () => {
  it('agrees on volumes 0.08% apart, and says by how much', () => {
    expect(compareMeasures(mesh(1000), mesh(999.2))).toEqual({
      agree: true,
      detail: 'volume 1000.00 vs 999.20 (-0.08%); bounds agree within 0.0173',
    });
  });

  it('agrees at exactly the volume tolerance and not beyond it', () => {
    expect(compareMeasures(mesh(1000), mesh(1001)).agree).toBe(true);
    expect(compareMeasures(mesh(1000), mesh(1001.01))).toEqual({
      agree: false,
      detail: 'volume 1000.00 vs 1001.01 (+0.10%, more than ±0.1%); bounds agree within 0.0173',
    });
  });

  it('disagrees on bounds that differ by more than 1e-3 of the diagonal, naming the axis', () => {
    expect(compareMeasures(mesh(1000), mesh(1000, [12, 10, 10]))).toEqual({
      agree: false,
      detail: 'volume 1000.00 vs 1000.00 (+0.00%); bounds differ: x 0..10 vs 0..12',
    });
    expect(compareMeasures(mesh(1000), mesh(1000, [10.017, 10, 10])).agree).toBe(true);
    expect(compareMeasures(mesh(1000), mesh(1000, [10.018, 10, 10])).agree).toBe(false);
  });

  it('takes tolerances from the options', () => {
    expect(compareMeasures(mesh(1000), mesh(1010), { volumeTolerance: 0.02 }).agree).toBe(true);
    const loose = compareMeasures(mesh(1000), mesh(1000, [12, 10, 10]), { boundsTolerance: 2 });
    expect(loose).toEqual({
      agree: true,
      detail: 'volume 1000.00 vs 1000.00 (+0.00%); bounds agree within 2',
    });
    expect(
      compareMeasures(mesh(1000), mesh(1000), { volumeTolerance: 0, boundsTolerance: 0 }).agree,
    ).toBe(true);
  });

  it('keeps a bounds tolerance of 1e-6 for a model too small for its diagonal to give one', () => {
    const tiny: MeshMeasure = { ...mesh(1e-9, [1e-3, 1e-3, 1e-3]) };
    const shifted: MeshMeasure = {
      ...tiny,
      bounds: { min: [2e-6, 0, 0], max: [1e-3, 1e-3, 1e-3] },
    };
    expect(compareMeasures(tiny, shifted)).toMatchObject({
      agree: false,
      detail: expect.stringContaining('bounds differ: x 0..0.001 vs 0.000002..0.001') as unknown,
    });
  });

  it('refuses a negative or non-finite tolerance, saying what it received', () => {
    expect(() => compareMeasures(mesh(1), mesh(1), { volumeTolerance: -1 })).toThrow(
      'volumeTolerance must be a finite number of 0 or more, received -1',
    );
    expect(() => compareMeasures(mesh(1), mesh(1), { boundsTolerance: Number.NaN })).toThrow(
      RangeError,
    );
  });

  it('judges 2D outputs by their bounds and their areas', () => {
    expect(compareMeasures(drawing(521.964), drawing(521.9642))).toEqual({
      agree: true,
      detail: 'area 521.96 vs 521.96 (+0.00%); bounds agree within 0.0361',
    });
    expect(compareMeasures(drawing(521.964), drawing(600))).toMatchObject({
      agree: false,
      detail: expect.stringContaining('bounds agree') as unknown,
    });
    expect(compareMeasures(drawing(600), drawing(600, [30, 25]))).toEqual({
      agree: false,
      detail: 'area 600.00 vs 600.00 (+0.00%); bounds differ: y 0..20 vs 0..25',
    });
  });

  it('reports an open mesh without judging it', () => {
    expect(compareMeasures(mesh(1000), { ...mesh(1000), closed: false })).toEqual({
      agree: true,
      detail:
        'volume 1000.00 vs 1000.00 (+0.00%); bounds agree within 0.0173; other mesh is not closed',
    });
  });

  it('never agrees across kinds, or when either output was not measured', () => {
    expect(compareMeasures(mesh(600), drawing(600))).toEqual({
      agree: false,
      detail: 'kind differs: 3d vs 2d',
    });
    expect(compareMeasures({ kind: 'none', reason: 'the file is empty' }, mesh(1))).toEqual({
      agree: false,
      detail: 'reference not measured: the file is empty',
    });
    expect(compareMeasures(mesh(1), { kind: 'none', reason: 'truncated' })).toEqual({
      agree: false,
      detail: 'other not measured: truncated',
    });
  });

  it('compares a zero volume only with zero', () => {
    expect(compareMeasures(mesh(0), mesh(0)).agree).toBe(true);
    expect(compareMeasures(mesh(0), mesh(1e-9))).toMatchObject({
      agree: false,
      detail: expect.stringContaining('(reference is 0, more than') as unknown,
    });
  });
});

describe('compareMeasures on real exports of both engines', () => {
  const pairs = [
    ...['cube', 'holed-cube', 'two-cubes'].flatMap((model) =>
      ['stl', 'binary.stl', 'off', 'amf'].flatMap((native) =>
        ['stl', 'binary.stl', 'off', 'amf'].map(
          (wasm) => [`native/${model}.${native}`, `wasm/${model}.${wasm}`] as const,
        ),
      ),
    ),
    ...['cube', 'holed-cube', 'two-cubes'].map(
      (model) => [`native/${model}.3mf`, `wasm/${model}.off`] as const,
    ),
    ['native/sphere.off', 'wasm/sphere.off'] as const,
    ...['plate', 'islands'].flatMap((model) =>
      ['svg', 'dxf'].flatMap((native) =>
        ['svg', 'dxf'].map(
          (wasm) => [`native/${model}.${native}`, `wasm/${model}.${wasm}`] as const,
        ),
      ),
    ),
  ];

  it.each(pairs)('finds OpenSCAD 2021 %s and OpenSCAD 2025 %s in agreement', (native, wasm) => {
    const comparison = compareMeasures(measureFixture(native), measureFixture(wasm));
    expect(comparison, comparison.detail).toMatchObject({ agree: true });
  });

  it('finds cube(10) and cube(10.1) apart in volume and in bounds', () => {
    expect(
      compareMeasures(measureFixture('native/cube.off'), measureFixture('native/bigger-cube.off')),
    ).toEqual({
      agree: false,
      detail:
        'volume 1000.00 vs 1030.30 (+3.03%, more than ±0.1%); bounds differ: x 0..10 vs 0..10.1, y 0..10 vs 0..10.1, z 0..10 vs 0..10.1',
    });
  });

  it('finds a plate that lost its hole apart, though its bounds are the same', () => {
    const comparison = compareMeasures(
      measureFixture('native/plate.svg'),
      measureFixture('native/solid-plate.dxf'),
    );
    expect(comparison).toEqual({
      agree: false,
      detail: 'area 521.96 vs 600.00 (+14.95%, more than ±0.1%); bounds agree within 0.0361',
    });
  });
});

describe.skipIf(!hasNativeOpenScad)(
  `compareMeasures on fresh renders of both engines ${nativeSkipReason}`,
  () => {
    it('finds the native and WASM spheres in agreement within 0.1%', async () => {
      const source = 'sphere(r = 20, $fn = 48);';
      const native = measureOutput('stl', renderNative(source, { suffix: 'stl' }));
      const wasm = measureOutput('stl', await renderWasm(source, { suffix: 'stl' }));
      const comparison = compareMeasures(native, wasm);
      expect(comparison, comparison.detail).toMatchObject({ agree: true });
      expect(native.kind === '3d' && native.volume).toBeGreaterThan(
        0.98 * (4 / 3) * Math.PI * 20 ** 3,
      );
    });

    it('finds the native cube(10) and the WASM cube(10.1) apart', async () => {
      const native = measureOutput('stl', renderNative(readModel('cube'), { suffix: 'stl' }));
      const wasm = measureOutput(
        'off',
        await renderWasm(readModel('bigger-cube'), { suffix: 'off' }),
      );
      expect(compareMeasures(native, wasm)).toMatchObject({
        agree: false,
        detail: expect.stringMatching(/^volume 1000\.00 vs 1030\.30 \(\+3\.03%/) as unknown,
      });
    });

    it('finds the native and WASM plates in agreement in both 2D formats', async () => {
      for (const suffix of ['svg', 'dxf']) {
        const native = measureOutput(suffix, renderNative(readModel('plate'), { suffix }));
        const wasm = measureOutput(suffix, await renderWasm(readModel('plate'), { suffix }));
        const comparison = compareMeasures(native, wasm);
        expect(comparison, comparison.detail).toMatchObject({ agree: true });
      }
    });
  },
);
