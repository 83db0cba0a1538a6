import { describe, expect, it } from 'vitest';
import { explainEngineChoice } from '../../src/engines/explain-engine-choice.js';
import type { EngineInfo } from '../../src/engines/engine.js';

const native: EngineInfo = {
  id: 'native',
  version: '2021.01',
  backend: 'cgal',
  source: '/usr/bin/openscad',
};
const wasmReason = 'native OpenSCAD 2021.01 has only CGAL; Manifold geometry is 14–55× faster';

describe('explainEngineChoice', () => {
  it('names the engine the user forced', () => {
    expect(explainEngineChoice({ preference: 'native', native, choices: [] })).toBe(
      'engine: native OpenSCAD 2021.01 (cgal) at /usr/bin/openscad (--engine native)',
    );
    expect(explainEngineChoice({ preference: 'wasm', choices: [] })).toBe(
      'engine: wasm OpenSCAD 2025.01.19 (WebAssembly, manifold) (--engine wasm)',
    );
  });

  it('says why auto picked one engine for every part', () => {
    const choices = [
      { engine: 'wasm', reason: wasmReason },
      { engine: 'wasm', reason: wasmReason },
    ] as const;
    expect(explainEngineChoice({ preference: 'auto', native, choices })).toBe(
      `engine: auto → wasm OpenSCAD 2025.01.19 (WebAssembly, manifold) for all 2 parts: ${wasmReason}`,
    );
  });

  it('says that no native openscad was found', () => {
    const choices = [{ engine: 'wasm', reason: 'no native openscad found' }] as const;
    expect(
      explainEngineChoice({
        preference: 'auto',
        nativeUnavailable: 'no native openscad found',
        choices,
      }),
    ).toBe(
      'engine: auto → wasm OpenSCAD 2025.01.19 (WebAssembly, manifold) for the part: no native openscad found',
    );
  });

  it('names the unused native engine when recorded times sent every part to wasm', () => {
    const choices = [
      { engine: 'wasm', reason: 'recorded 1.00s on wasm, mostly geometry' },
      { engine: 'wasm', reason: 'recorded 2.00s on wasm, mostly geometry' },
    ] as const;
    expect(explainEngineChoice({ preference: 'auto', native, choices })).toBe(
      "engine: auto → wasm OpenSCAD 2025.01.19 (WebAssembly, manifold) for all 2 parts: each part's recorded times favour it; not native OpenSCAD 2021.01 (cgal) at /usr/bin/openscad",
    );
  });

  it('counts the parts of each engine when auto splits them', () => {
    const choices = [
      { engine: 'wasm', reason: 'a' },
      { engine: 'native', reason: 'b' },
      { engine: 'wasm', reason: 'c' },
    ] as const;
    expect(explainEngineChoice({ preference: 'auto', native, choices })).toBe(
      "engine: auto → wasm for 2 parts, native for 1 part, from each part's recorded times (--verbose says why for each)",
    );
  });
});
