import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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

describe('estimateParts', () => {
  it("uses a part's own record on its engine", async () => {
    const store = await history();
    store.record('a.scad#gear', 'wasm', { seconds: 4, peakBytes: 300, at: 'x' });
    const estimates = estimateParts([job('a.scad', 'gear')], () => 'wasm', store);
    expect(estimates.get('a.scad#gear')).toEqual({ seconds: 4, peakBytes: 300, known: true });
  });

  it('guesses a new part from the recorded parts of the same file before the rest of the run', async () => {
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
    const estimates = estimateParts(jobs, () => 'wasm', store);
    expect(estimates.get('a.scad#new')).toEqual({ seconds: 3, peakBytes: 200, known: false });
    expect(estimates.get('c.scad#other')).toEqual({ seconds: 4, peakBytes: 300, known: false });
  });

  it('falls back to a guess when nothing was ever recorded', async () => {
    const estimates = estimateParts([job('a.scad', 'gear')], () => 'native', await history());
    expect(estimates.get('a.scad#gear')).toEqual({
      seconds: 1,
      peakBytes: unknownPeakBytes,
      known: false,
    });
  });
});
