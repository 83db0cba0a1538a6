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
