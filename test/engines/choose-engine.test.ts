import { describe, expect, it } from 'vitest';
import { chooseEngine } from '../../src/engines/choose-engine.js';
import type { EngineInfo } from '../../src/engines/engine.js';

const cgalNative: EngineInfo = {
  id: 'native',
  version: '2021.01',
  backend: 'cgal',
  source: '/usr/bin/openscad',
};
const manifoldNative: EngineInfo = { ...cgalNative, version: '2025.05.01', backend: 'manifold' };
const at = '2026-01-01T00:00:00.000Z';

describe('chooseEngine', () => {
  it('uses wasm when there is no native openscad', () => {
    expect(chooseEngine(undefined, undefined)).toEqual({
      engine: 'wasm',
      reason: 'no native openscad found',
    });
  });

  it('prefers wasm for a new part when the native build has only CGAL', () => {
    const choice = chooseEngine(cgalNative, undefined);
    expect(choice.engine).toBe('wasm');
    expect(choice.reason).toContain('only CGAL');
  });

  it('prefers a native build with Manifold for a new part', () => {
    expect(chooseEngine(manifoldNative, undefined).engine).toBe('native');
  });

  it('follows the recorded times when the part was measured on both engines', () => {
    const history = { native: { seconds: 5, at }, wasm: { seconds: 100, geometrySeconds: 1, at } };
    expect(chooseEngine(cgalNative, history)).toEqual({
      engine: 'native',
      reason: 'recorded 5.00s native vs 100.0s wasm',
    });
    const reversed = { native: { seconds: 80, at }, wasm: { seconds: 2, at } };
    expect(chooseEngine(cgalNative, reversed).engine).toBe('wasm');
  });

  it('moves a part to native when wasm spent nearly all its time evaluating the script', () => {
    const history = { wasm: { seconds: 30, geometrySeconds: 0.2, at } };
    const choice = chooseEngine(cgalNative, history);
    expect(choice.engine).toBe('native');
    expect(choice.reason).toBe(
      'predicted 5.78s on native vs 30.0s recorded on wasm (default ratios)',
    );
  });

  it('keeps an evaluation-heavy part on wasm when native CGAL would spend the gain on its geometry', () => {
    // The BOSL2 case: 28 s of evaluation (2.8 s native) but 2 s of Manifold geometry (28 s CGAL).
    const history = { wasm: { seconds: 30, geometrySeconds: 2, at } };
    const choice = chooseEngine(cgalNative, history);
    expect(choice.engine).toBe('wasm');
    expect(choice.reason).toBe('recorded 30.0s on wasm; native predicted 30.8s (default ratios)');
  });

  it('predicts with the ratios measured on the project rather than the defaults', () => {
    const history = { wasm: { seconds: 30, geometrySeconds: 0.2, at } };
    const slowNative = { evaluation: 0.8, geometry: 20, parts: 3 };
    expect(chooseEngine(cgalNative, history, { ratios: slowNative })).toEqual({
      engine: 'wasm',
      reason: 'recorded 30.0s on wasm; native predicted 27.8s (ratios from 3 parts on both)',
    });
  });

  it('tries the other engine only when it clearly wins: half the time and a second saved', () => {
    const ratios = { evaluation: 0.1, geometry: 1, parts: 1 };
    // 1.9 s → 0.19 s predicted: half, and 1.7 s saved.
    expect(
      chooseEngine(cgalNative, { wasm: { seconds: 1.9, geometrySeconds: 0, at } }, { ratios })
        .engine,
    ).toBe('native');
    // 1.05 s → 0.105 s: less than a second saved.
    expect(
      chooseEngine(cgalNative, { wasm: { seconds: 1.05, geometrySeconds: 0, at } }, { ratios })
        .engine,
    ).toBe('wasm');
    // 10 s → 5.5 s: a second saved, but not half.
    expect(
      chooseEngine(cgalNative, { wasm: { seconds: 10, geometrySeconds: 5, at } }, { ratios })
        .engine,
    ).toBe('wasm');
  });

  it('does not guess when a record does not say how its time divides', () => {
    expect(chooseEngine(cgalNative, { wasm: { seconds: 30, at } }).engine).toBe('wasm');
    expect(chooseEngine(cgalNative, { native: { seconds: 60, at } }).engine).toBe('native');
  });

  it('undoes a try that turned out slower: the faster recorded engine wins', () => {
    // Run 1 on wasm (8 s), run 2 tried native (12 s): run 3 goes back to wasm.
    const history = {
      wasm: { seconds: 8, geometrySeconds: 0.1, at },
      native: { seconds: 12, geometrySeconds: 11, at },
    };
    expect(chooseEngine(cgalNative, history).engine).toBe('wasm');
  });

  it('sends a part that failed on wasm to native at once, with the reason', () => {
    const failures = { wasm: { message: 'height when specified should be a number.', at } };
    expect(chooseEngine(cgalNative, undefined, { failures })).toEqual({
      engine: 'native',
      reason: 'failed on wasm last time: height when specified should be a number.',
      failedOn: 'wasm',
    });
  });

  it('never moves a part from the engine it rendered on to one it failed on, however fast', () => {
    // boolean_geometry: 30 s of evaluation on wasm, "mesh is not closed" on native CGAL.
    const history = { wasm: { seconds: 30, geometrySeconds: 0.1, at } };
    const failures = { native: { message: 'The given mesh is not closed', at } };
    for (let run = 0; run < 3; run++) {
      const choice = chooseEngine(cgalNative, history, { failures });
      expect(choice.engine).toBe('wasm');
      expect(choice.failedOn).toBe('native');
    }
    // Even when native was recorded faster before it started failing.
    const both = { ...history, native: { seconds: 1, geometrySeconds: 0.5, at } };
    expect(chooseEngine(cgalNative, both, { failures }).engine).toBe('wasm');
  });

  it('marks a part that failed on both engines, and picks as for a new part', () => {
    const failures = { wasm: { message: 'a', at }, native: { message: 'b', at } };
    const choice = chooseEngine(cgalNative, undefined, { failures });
    expect(choice.engine).toBe('wasm');
    expect(choice.failedOn).toBe('both');
    expect(choice.reason).toMatch(/^failed on both engines last time; /);
  });

  it('keeps a geometry-bound part on wasm', () => {
    const history = { wasm: { seconds: 30, geometrySeconds: 27, at } };
    expect(chooseEngine(cgalNative, history).engine).toBe('wasm');
  });

  it('does not switch engines over differences too small to matter', () => {
    const history = { wasm: { seconds: 0.6, geometrySeconds: 0.01, at } };
    expect(chooseEngine(cgalNative, history).engine).toBe('wasm');
  });

  it('carries geometry that neither CGAL nor Manifold built (2D, a plain mesh) as evaluation', () => {
    // 961 offset 2D shapes, measured: wasm 2.24 s (1.23 s of geometry), native 0.49 s.
    const flat = {
      wasm: { seconds: 2.24, geometrySeconds: 1.23, plainGeometry: true as const, at },
    };
    expect(chooseEngine(cgalNative, flat)).toEqual({
      engine: 'native',
      reason: 'predicted 0.22s on native vs 2.24s recorded on wasm (default ratios)',
    });
    // The same record, had CGAL built it, would cost 17 s natively.
    const built = { wasm: { seconds: 2.24, geometrySeconds: 1.23, at } };
    expect(chooseEngine(cgalNative, built).engine).toBe('wasm');
  });

  it('moves a part measured only on native CGAL to wasm when geometry dominated', () => {
    expect(
      chooseEngine(cgalNative, { native: { seconds: 60, geometrySeconds: 58, at } }).engine,
    ).toBe('wasm');
    expect(
      chooseEngine(cgalNative, { native: { seconds: 60, geometrySeconds: 3, at } }).engine,
    ).toBe('native');
  });
});
