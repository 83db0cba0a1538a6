import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EngineRatios } from '../../src/engines/measure-engine-ratios.js';
import { HistoryStore } from '../../src/history/history-store.js';
import type { RenderJob } from '../../src/plan/render-job.js';
import { estimateParts, unknownPeakBytes } from '../../src/schedule/estimate-parts.js';

function job(file: string, module: string): RenderJob {
  const at = { file, line: 1 };
  return {
    id: `${file}#${module}`,
    name: module,
    scadFile: file,
    module,
    declaredAt: at,
    requestedAt: at,
    outputs: [],
    mode: 'include',
    variables: {},
    quality: { $fn: 95 },
  };
}

async function history(): Promise<HistoryStore> {
  return HistoryStore.load(
    join(await mkdtemp(join(tmpdir(), 'parascad-estimate-')), 'history.json'),
  );
}

const measured: EngineRatios = { evaluation: 0.1, geometry: 20, parts: 3 };

describe('estimateParts', () => {
  it("uses a part's own record on its engine", async () => {
    const store = await history();
    store.record('a.scad#gear', 'wasm', { seconds: 4, peakBytes: 300, at: 'x' });
    const estimate = estimateParts([job('a.scad', 'gear')], store);
    expect(estimate(job('a.scad', 'gear'), 'wasm')).toEqual({
      seconds: 4,
      peakBytes: 300,
      basis: 'recorded',
    });
  });

  it("scales a part's record on the other engine by the ratios measured between the engines", async () => {
    const store = await history();
    // 3 s of evaluation and 1 s of geometry on WASM: 0.3 s and 20 s on native.
    store.record('a.scad#gear', 'wasm', { seconds: 4, geometrySeconds: 1, at: 'x' });
    // 2 s of evaluation and 40 s of geometry on native: 20 s and 2 s on WASM.
    store.record('a.scad#hub', 'native', { seconds: 42, geometrySeconds: 40, at: 'x' });
    const jobs = [job('a.scad', 'gear'), job('a.scad', 'hub')];
    const estimate = estimateParts(jobs, store, { ratios: measured });

    expect(estimate(job('a.scad', 'gear'), 'native')).toMatchObject({ basis: 'other-engine' });
    expect(estimate(job('a.scad', 'gear'), 'native').seconds).toBeCloseTo(20.3);
    expect(estimate(job('a.scad', 'hub'), 'wasm').seconds).toBeCloseTo(22);
    expect(estimate(job('a.scad', 'hub'), 'native')).toMatchObject({
      seconds: 42,
      basis: 'recorded',
    });
  });

  it('does not scale by the default ratios, nor a record that does not say how its time divides', async () => {
    const store = await history();
    store.record('a.scad#gear', 'wasm', { seconds: 4, geometrySeconds: 1, at: 'x' });
    store.record('b.scad#hub', 'wasm', { seconds: 4, at: 'x' });
    const jobs = [job('a.scad', 'gear'), job('b.scad', 'hub')];

    const unmeasured = estimateParts(jobs, store, { ratios: { ...measured, parts: 0 } });
    expect(unmeasured(job('a.scad', 'gear'), 'native').basis).toBe('none');
    const undivided = estimateParts(jobs, store, { ratios: measured });
    expect(undivided(job('b.scad', 'hub'), 'native').basis).toBe('none');
  });

  it('takes no basis from a ratio that kept its default, nor then from the parts of the same file', async () => {
    const store = await history();
    // Geometry-heavy on WASM; its neighbours, recorded on both engines, had no geometry to
    // measure the geometry ratio with.
    store.record('a.scad#beads', 'wasm', { seconds: 4.6, geometrySeconds: 3.1, at: 'x' });
    store.record('a.scad#pin', 'wasm', { seconds: 1.1, geometrySeconds: 0.04, at: 'x' });
    store.record('a.scad#pin', 'native', { seconds: 0.6, geometrySeconds: 0, at: 'x' });
    const jobs = [job('a.scad', 'beads'), job('a.scad', 'pin')];
    const estimate = estimateParts(jobs, store, {
      ratios: { ...measured, defaulted: ['geometry'] },
    });

    expect(estimate(job('a.scad', 'beads'), 'native').basis).toBe('none');
  });

  it('lets a ratio that kept its default carry a small share of a prediction', async () => {
    const store = await history();
    // 10 s of evaluation → 1 s native; 0.01 s of geometry → 0.2 s by the default ratio.
    store.record('a.scad#loops', 'wasm', { seconds: 10.01, geometrySeconds: 0.01, at: 'x' });
    const estimate = estimateParts([job('a.scad', 'loops')], store, {
      ratios: { ...measured, defaulted: ['geometry'] },
    });

    const predicted = estimate(job('a.scad', 'loops'), 'native');
    expect(predicted.basis).toBe('other-engine');
    expect(predicted.seconds).toBeCloseTo(1.2);
  });

  it('estimates a new part from the recorded parts of the same file, and takes no basis from other files', async () => {
    const store = await history();
    store.record('a.scad#one', 'wasm', { seconds: 2, peakBytes: 100, at: 'x' });
    store.record('a.scad#two', 'wasm', { seconds: 4, peakBytes: 300, at: 'x' });
    store.record('b.scad#big', 'wasm', { seconds: 60, peakBytes: 9000, at: 'x' });
    store.record('a.scad#three', 'native', { seconds: 99, at: 'x' });
    const jobs = [
      job('a.scad', 'one'),
      job('a.scad', 'two'),
      job('b.scad', 'big'),
      job('a.scad', 'new'),
      job('c.scad', 'other'),
    ];
    const estimate = estimateParts(jobs, store);
    expect(estimate(job('a.scad', 'new'), 'wasm')).toEqual({
      seconds: 3,
      peakBytes: 200,
      basis: 'same-file',
    });
    // The run's median orders and packs the part, but is no basis for an ETA.
    expect(estimate(job('c.scad', 'other'), 'wasm')).toEqual({
      seconds: 4,
      peakBytes: 300,
      basis: 'none',
    });
  });

  it('falls back to a guess when nothing was ever recorded', async () => {
    const estimate = estimateParts([job('a.scad', 'gear')], await history());
    expect(estimate(job('a.scad', 'gear'), 'native')).toEqual({
      seconds: 1,
      peakBytes: unknownPeakBytes,
      basis: 'none',
    });
  });
});
