import { describe, expect, it } from 'vitest';
import {
  defaultEngineRatios,
  measureEngineRatios,
} from '../../src/engines/measure-engine-ratios.js';

const at = '2026-01-01T00:00:00.000Z';

describe('measureEngineRatios', () => {
  it('uses the documented defaults until a part is recorded on both engines', () => {
    const onlyWasm = [{ wasm: { seconds: 5, geometrySeconds: 1, at } }];
    expect(measureEngineRatios(onlyWasm, 'cgal')).toEqual({
      evaluation: 0.1,
      geometry: 14,
      parts: 0,
    });
    expect(defaultEngineRatios('manifold')).toEqual({ evaluation: 0.1, geometry: 1, parts: 0 });
  });

  it('measures evaluation and geometry separately, weighting the long parts most', () => {
    const histories = [
      {
        wasm: { seconds: 10, geometrySeconds: 2, at }, // 8 s evaluation
        native: { seconds: 42, geometrySeconds: 40, at }, // 2 s evaluation
      },
      {
        wasm: { seconds: 2, geometrySeconds: 0, at },
        native: { seconds: 1, geometrySeconds: 0, at },
      },
      { wasm: { seconds: 100, geometrySeconds: 1, at } }, // on one engine only: not a comparison
    ];
    expect(measureEngineRatios(histories, 'cgal')).toEqual({
      evaluation: 0.3, // (2 + 1) / (8 + 2)
      geometry: 20, // 40 / 2
      parts: 2,
    });
  });

  it('keeps the default for a component with too little time to measure, and says which', () => {
    const histories = [
      {
        wasm: { seconds: 3, geometrySeconds: 0.01, at },
        native: { seconds: 0.5, geometrySeconds: 0.05, at },
      },
    ];
    const ratios = measureEngineRatios(histories, 'cgal');
    expect(ratios.geometry).toBe(14);
    expect(ratios.evaluation).toBeCloseTo(0.45 / 2.99);
    expect(ratios.defaulted).toEqual(['geometry']);
  });

  it("counts a plain mesh's geometry as evaluation: no CGAL or Manifold work to compare", () => {
    const histories = [
      {
        wasm: { seconds: 10, geometrySeconds: 2, at }, // 8 s evaluation
        native: { seconds: 42, geometrySeconds: 40, at }, // 2 s evaluation
      },
      {
        // A lone polyhedron: WASM took 1.4 s over the mesh, 2021.01 60 ms.
        wasm: { seconds: 7, geometrySeconds: 1.4, plainGeometry: true as const, at },
        native: { seconds: 0.8, geometrySeconds: 0.06, plainGeometry: true as const, at },
      },
    ];
    const ratios = measureEngineRatios(histories, 'cgal');
    expect(ratios.evaluation).toBeCloseTo(2.8 / 15); // (2 + 0.8) / (8 + 7)
    expect(ratios.geometry).toBe(20); // 40 / 2, the mesh's 1.4 s against 60 ms left out
    expect(ratios.parts).toBe(2);
  });

  it('ignores records that do not say how their time divides', () => {
    const histories = [
      { wasm: { seconds: 3, at }, native: { seconds: 1, geometrySeconds: 0, at } },
    ];
    expect(measureEngineRatios(histories, 'cgal').parts).toBe(0);
  });
});
