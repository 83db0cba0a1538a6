import { describe, expect, it } from 'vitest';
import { judgeHybridResult } from '../../../src/engines/hybrid/judge-hybrid-result.js';
import type { MeshMeasure } from '../../../src/formats/output-measure.js';
import { cubeMeasure } from '../../support/cube-measure.js';

const at = '2026-01-01T00:00:00.000Z';
function mesh(volume: number, top = 10): MeshMeasure {
  return cubeMeasure({ volume, bounds: { min: [0, 0, 0], max: [10, 10, top] } });
}

describe('judgeHybridResult', () => {
  it('agrees within 0.1% of the volume, as 2021.01 rounding moves it', () => {
    const verdict = judgeHybridResult(
      { wasm: { seconds: 3, facts: mesh(1000), at } },
      mesh(999.8),
      at,
    );
    expect(verdict).toMatchObject({
      agrees: true,
      detail: expect.stringMatching(/^wasm: volume/) as unknown,
    });
  });

  it('disagrees when any recorded route differs, naming that route', () => {
    const history = {
      native: { seconds: 46, facts: mesh(4899), at },
      wasm: { seconds: 10, facts: mesh(5365), at },
    };
    const verdict = judgeHybridResult(history, mesh(5365), at);
    expect(verdict?.agrees).toBe(false);
    expect(verdict?.detail).toMatch(/^native: volume 4899\.00 vs 5365\.00/);
  });

  it("judges only by records made since the part's files last changed", () => {
    // The native record measured the geometry before an included file was edited.
    const before = '2026-01-01T00:00:00.000Z';
    const after = '2026-01-02T00:00:00.000Z';
    const history = {
      native: { seconds: 46, facts: mesh(7164.51), at: before },
      wasm: { seconds: 10, facts: mesh(7095.85), at: after },
    };
    const edited = Date.parse('2026-01-01T12:00:00.000Z');
    expect(judgeHybridResult(history, mesh(7095.85), after, edited)).toMatchObject({
      agrees: true,
      detail: expect.stringMatching(/^wasm: /) as unknown,
    });
    expect(judgeHybridResult(history, mesh(7095.85), after)?.agrees).toBe(false);
    expect(judgeHybridResult({ native: history.native }, mesh(7095.85), after, edited)).toBe(
      undefined,
    );
  });

  it('disagrees on bounds alone', () => {
    const verdict = judgeHybridResult(
      { native: { seconds: 1, facts: mesh(1000), at } },
      mesh(1000, 11),
      at,
    );
    expect(verdict?.agrees).toBe(false);
  });

  it('has no verdict without a recorded result to compare with', () => {
    expect(judgeHybridResult({ native: { seconds: 1, at } }, mesh(1000), at)).toBeUndefined();
  });
});
