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

  it('moves a part to native when wasm spent most of its time evaluating the script', () => {
    const history = { wasm: { seconds: 30, geometrySeconds: 2, at } };
    expect(chooseEngine(cgalNative, history).engine).toBe('native');
  });

  it('keeps a geometry-bound part on wasm', () => {
    const history = { wasm: { seconds: 30, geometrySeconds: 27, at } };
    expect(chooseEngine(cgalNative, history).engine).toBe('wasm');
  });

  it('does not switch engines over differences too small to matter', () => {
    const history = { wasm: { seconds: 0.6, geometrySeconds: 0.01, at } };
    expect(chooseEngine(cgalNative, history).engine).toBe('wasm');
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
