import { mkdtemp, readFile, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HistoryStore } from '../../src/history/history-store.js';

describe('HistoryStore', () => {
  it('keeps the last time of each part on each engine across runs', async () => {
    const file = HistoryStore.fileFor(await mkdtemp(join(tmpdir(), 'parascad-history-')));
    const first = await HistoryStore.load(file);
    first.record('p#gear', 'wasm', { seconds: 2, geometrySeconds: 1.5, at: 'a' });
    first.record('p#gear', 'native', { seconds: 9, at: 'b' });
    first.record('p#gear', 'wasm', { seconds: 3, at: 'c' });
    await first.save();
    const second = await HistoryStore.load(file);
    expect(second.get('p#gear')).toEqual({
      native: { seconds: 9, at: 'b' },
      wasm: { seconds: 3, at: 'c' },
    });
    expect(second.get('p#other')).toBeUndefined();
  });

  it('keeps what two runs of one project at once each recorded, whichever saves last', async () => {
    const file = HistoryStore.fileFor(await mkdtemp(join(tmpdir(), 'parascad-history-')));
    const earlier = await HistoryStore.load(file);
    earlier.record('p#lid', 'wasm', { seconds: 1, at: 'a' });
    earlier.record('p#base', 'native', { seconds: 5, at: 'a' });
    await earlier.save();
    const one = await HistoryStore.load(file);
    const other = await HistoryStore.load(file);
    one.record('p#lid', 'wasm', { seconds: 2, at: 'b' });
    other.record('p#base', 'native', { seconds: 6, at: 'b' });
    other.recordFailure('p#plate', 'wasm', { message: 'trap', at: 'b' });
    await one.save();
    await other.save();
    const after = await HistoryStore.load(file);
    expect(after.get('p#lid')?.wasm?.seconds).toBe(2);
    expect(after.get('p#base')?.native?.seconds).toBe(6);
    expect(after.failuresOf('p#plate').wasm?.message).toBe('trap');
  });

  it('starts empty when the file is corrupt instead of failing the run', async () => {
    const file = HistoryStore.fileFor(await mkdtemp(join(tmpdir(), 'parascad-history-')));
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, '{"version": 1, "parts": {"x": {"wasm": {"seconds": "slow"}}}}');
    const store = await HistoryStore.load(file);
    expect(store.get('x')).toBeUndefined();
    store.record('x', 'wasm', { seconds: 1, at: 'now' });
    await store.save();
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({
      version: 1,
      parts: { x: { wasm: { seconds: 1, at: 'now' } } },
    });
  });
});

describe('HistoryStore failures', () => {
  it('remembers the engine a part failed on across runs until it renders there again', async () => {
    const file = HistoryStore.fileFor(await mkdtemp(join(tmpdir(), 'parascad-history-')));
    const first = await HistoryStore.load(file);
    first.record('p#lin', 'native', { seconds: 0.1, at: '2026-01-01T00:00:01.000Z' });
    first.recordFailure('p#lin', 'wasm', {
      message: 'height when specified should be a number.',
      at: '2026-01-01T00:00:00.000Z',
    });
    await first.save();
    const second = await HistoryStore.load(file);
    expect(second.failuresOf('p#lin')).toEqual({
      wasm: {
        message: 'height when specified should be a number.',
        at: '2026-01-01T00:00:00.000Z',
      },
    });
    expect(second.get('p#lin')).toEqual({
      native: { seconds: 0.1, at: '2026-01-01T00:00:01.000Z' },
    });
    second.record('p#lin', 'wasm', { seconds: 0.2, at: 'later' });
    expect(second.failuresOf('p#lin')).toEqual({});
    await second.save();
    const saved = JSON.parse(await readFile(file, 'utf8')) as {
      parts: Record<string, { failed?: unknown }>;
    };
    expect(saved.parts['p#lin']?.failed).toBeUndefined();
  });

  it('leaves out failures older than the part source, so an edited model gets a fresh try', async () => {
    const store = await HistoryStore.load(
      HistoryStore.fileFor(await mkdtemp(join(tmpdir(), 'parascad-history-'))),
    );
    store.recordFailure('p#x', 'native', { message: 'm', at: '2026-01-01T00:00:00.000Z' });
    expect(store.failuresOf('p#x', Date.parse('2025-12-31T00:00:00.000Z')).native).toBeDefined();
    expect(store.failuresOf('p#x', Date.parse('2026-01-02T00:00:00.000Z'))).toEqual({});
  });
});

describe('HistoryStore and the hybrid route', () => {
  it("keeps a part's hybrid time, its output facts and whether its result agreed, across runs", async () => {
    const file = HistoryStore.fileFor(await mkdtemp(join(tmpdir(), 'parascad-history-')));
    const first = await HistoryStore.load(file);
    const facts = {
      kind: '2d' as const,
      bounds: { min: [0, 0] as [number, number], max: [5, 5] as [number, number] },
      area: 25,
      contours: 1,
    };
    first.record('p#plate', 'hybrid', { seconds: 1.2, geometrySeconds: 0.4, facts, at: 'a' });
    const verdict = { agrees: false, detail: 'native: area 24.00 vs 25.00', at: '2026-01-02' };
    first.recordHybridVerdict('p#plate', verdict);
    await first.save();
    const second = await HistoryStore.load(file);
    expect(second.get('p#plate')).toEqual({
      hybrid: { seconds: 1.2, geometrySeconds: 0.4, facts, at: 'a' },
    });
    expect(second.hybridVerdictOf('p#plate')).toEqual(verdict);
    // An edit after the verdict makes it stale: the edited model is judged again.
    expect(second.hybridVerdictOf('p#plate', Date.parse('2026-01-03'))).toBeUndefined();
  });
});
