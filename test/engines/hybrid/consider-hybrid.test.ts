import { describe, expect, it } from 'vitest';
import { chooseEngine } from '../../../src/engines/choose-engine.js';
import type { EngineInfo } from '../../../src/engines/engine.js';
import type { HybridFacts } from '../../../src/engines/hybrid/consider-hybrid.js';
import type { MeshMeasure } from '../../../src/formats/output-measure.js';
import { cubeMeasure } from '../../support/cube-measure.js';
import type { PartHistory } from '../../../src/history/history-store.js';

const cgalNative: EngineInfo = {
  id: 'native',
  version: '2021.01',
  backend: 'cgal',
  source: '/usr/bin/openscad',
};
const at = '2026-01-01T00:00:00.000Z';
const facts: MeshMeasure = cubeMeasure();
/** A library-heavy part like BOSL2's `orientations`: CGAL geometry natively, slow evaluation on WASM. */
const geometryBoundNatively: PartHistory = {
  native: { seconds: 74, geometrySeconds: 73.4, facts, at },
  wasm: { seconds: 3.5, geometrySeconds: 0.5, facts, at },
};
const available: HybridFacts = { available: true };

describe('auto and the hybrid route', () => {
  it('tries hybrid for a part geometry-bound natively and evaluation-bound on wasm', () => {
    const choice = chooseEngine(cgalNative, geometryBoundNatively, { hybrid: available });
    expect(choice.engine).toBe('hybrid');
    expect(choice.reason).toBe(
      "predicted 1.10s hybrid (native evaluation 0.60s + wasm geometry 0.50s) vs 3.50s recorded on wasm; trying it, its result is checked against wasm's",
    );
  });

  it('does not try it again once its result disagreed', () => {
    const choice = chooseEngine(cgalNative, geometryBoundNatively, {
      hybrid: {
        available: true,
        verdict: { agrees: false, detail: 'wasm: volume 5484 vs 5365 (-2.17%)', at },
      },
    });
    expect(choice.engine).toBe('wasm');
    expect(choice.reason).toContain('not hybrid: its result differed (wasm: volume 5484');
  });

  it('keeps a part on hybrid while it is the fastest recorded route and its result agreed', () => {
    const history = {
      ...geometryBoundNatively,
      hybrid: { seconds: 1.2, geometrySeconds: 0.5, at },
    };
    const agreed = { agrees: true, detail: 'wasm: volume 1000.00 vs 999.80 (-0.02%)', at };
    expect(
      chooseEngine(cgalNative, history, { hybrid: { ...available, verdict: agreed } }),
    ).toEqual({
      engine: 'hybrid',
      reason:
        'recorded 1.20s hybrid vs 3.50s wasm; its result agreed (wasm: volume 1000.00 vs 999.80 (-0.02%))',
    });
    const slower = { ...history, hybrid: { seconds: 4, geometrySeconds: 0.5, at } };
    expect(
      chooseEngine(cgalNative, slower, { hybrid: { ...available, verdict: agreed } }).engine,
    ).toBe('wasm');
  });

  it('leaves a thread-heavy part, all geometry on both engines, where it is', () => {
    const threads: PartHistory = {
      native: { seconds: 30, geometrySeconds: 29.9, facts, at },
      wasm: { seconds: 1.2, geometrySeconds: 1.1, facts, at },
    };
    expect(chooseEngine(cgalNative, threads, { hybrid: available }).engine).toBe('wasm');
  });

  it('does not try it without a recorded result to check it against', () => {
    const unmeasured: PartHistory = {
      native: { seconds: 74, geometrySeconds: 73.4, at },
      wasm: { seconds: 3.5, geometrySeconds: 0.5, at },
    };
    expect(chooseEngine(cgalNative, unmeasured, { hybrid: available }).engine).toBe('wasm');
  });

  it('predicts from one engine with the ratios when the part was recorded only there', () => {
    const onNativeOnly: PartHistory = { native: { seconds: 74, geometrySeconds: 73.4, facts, at } };
    // Native evaluation 0.6 s + 73.4 s of CGAL at 14× Manifold (5.2 s): beats trying wasm, which
    // would add evaluation at 10× native (6 s).
    expect(chooseEngine(cgalNative, onNativeOnly, { hybrid: available }).engine).toBe('hybrid');
  });

  describe('a lone polyhedron built by a long evaluation (a plain mesh: no CGAL or Manifold work)', () => {
    // Measured: WASM 7.0 s (1.4 s of it over the mesh), hybrid 3.5 s, native 2021.01 alone 0.8 s
    // (60 ms over the mesh). Predicted with the CGAL ratio, native got 0.56 + 1.4 × 14 = 20 s.
    const onWasm: PartHistory = {
      wasm: { seconds: 7, geometrySeconds: 1.4, plainGeometry: true, facts, at },
    };
    const agreed = { agrees: true, detail: 'wasm: volume 59672.27 vs 59672.29 (+0.00%)', at };

    it('is tried on native, which is predicted to beat both wasm and hybrid', () => {
      expect(chooseEngine(cgalNative, onWasm, { hybrid: available })).toEqual({
        engine: 'native',
        reason: 'predicted 0.70s on native vs 7.00s recorded on wasm (default ratios)',
      });
    });

    it('goes to native even after the hybrid route was recorded faster than wasm', () => {
      const history: PartHistory = {
        ...onWasm,
        hybrid: { seconds: 3.5, geometrySeconds: 1.5, plainGeometry: true, facts, at },
      };
      const choice = chooseEngine(cgalNative, history, {
        hybrid: { ...available, verdict: agreed },
      });
      expect(choice.engine).toBe('native');
      // … and once native is recorded, its own time decides.
      const measured = { ...history, native: { seconds: 0.8, geometrySeconds: 0.06, at } };
      expect(
        chooseEngine(cgalNative, measured, { hybrid: { ...available, verdict: agreed } }).engine,
      ).toBe('native');
    });
  });

  it('leaves it out when it cannot render the part, failed it, or the native build has Manifold', () => {
    expect(
      chooseEngine(cgalNative, geometryBoundNatively, { hybrid: { available: false } }).engine,
    ).toBe('wasm');
    expect(
      chooseEngine(cgalNative, geometryBoundNatively, { hybrid: { available: true, failed: true } })
        .engine,
    ).toBe('wasm');
    expect(chooseEngine(cgalNative, geometryBoundNatively).engine).toBe('wasm');
    const manifold = { ...cgalNative, version: '2025.05.01', backend: 'manifold' as const };
    expect(chooseEngine(manifold, geometryBoundNatively, { hybrid: available }).engine).not.toBe(
      'hybrid',
    );
  });
});
