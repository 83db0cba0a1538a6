import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CacheStore } from '../../src/cache/cache-store.js';
import type { Digest } from '../../src/job/digest.js';
import type { PartKey } from '../../src/job/part-key.js';

async function store(): Promise<{ store: CacheStore; dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'parascad-store-'));
  return { store: new CacheStore(join(dir, 'cache')), dir };
}

describe('CacheStore', () => {
  it('stores a file once per content and writes it back byte for byte', async () => {
    const { store: cache, dir } = await store();
    const file = join(dir, 'part.stl');
    await writeFile(file, 'solid x\nendsolid x\n');
    const first = await cache.putBlob(file);
    const again = await cache.putBlob(file);
    expect(again.digest).toBe(first.digest);
    const target = join(dir, 'restored.stl');
    expect(await cache.writeBlob(first.digest, target)).toBeUndefined();
    expect(await readFile(target, 'utf8')).toBe('solid x\nendsolid x\n');
  });

  it('refuses a truncated blob, says so, and removes it', async () => {
    const { store: cache, dir } = await store();
    const file = join(dir, 'part.stl');
    await writeFile(file, 'solid x\nendsolid x\n');
    const blob = await cache.putBlob(file);
    await writeFile(cache.blobPath(blob.digest), 'solid');
    const target = join(dir, 'restored.stl');
    expect(await cache.writeBlob(blob.digest, target)).toMatch(/damaged/);
    await expect(readFile(target)).rejects.toThrow();
    expect(await cache.writeBlob(blob.digest, target)).toMatch(/missing/);
  });

  it('answers a damaged entry as corrupt and a missing one as missing', async () => {
    const { store: cache } = await store();
    const key = 'a'.repeat(64) as PartKey;
    expect(cache.readEntry(key).kind).toBe('missing');
    await cache.writeEntry({
      schema: 1,
      key,
      programKey: 'b'.repeat(64) as Digest,
      partId: 'p',
      engine: { id: 'wasm', version: 'x', backend: 'manifold' },
      outputs: [],
      diagnostics: [],
      seconds: 0,
      dependencies: {},
      run: { id: 'r', at: 'now' },
    });
    expect(cache.readEntry(key).kind).toBe('found');
    await writeFile(join(cache.dir, 'entries', 'aa', `${key}.json`), '{"schema":1,"ke');
    expect(cache.readEntry(key)).toMatchObject({ kind: 'corrupt' });
  });

  it('survives many writers of the same entries at once: every read sees a whole entry', async () => {
    const { store: cache } = await store();
    const key = 'c'.repeat(64) as PartKey;
    const entry = (seconds: number) => ({
      schema: 1 as const,
      key,
      programKey: 'd'.repeat(64) as Digest,
      partId: 'p',
      engine: { id: 'wasm' as const, version: 'x', backend: 'manifold' as const },
      outputs: [],
      diagnostics: [],
      seconds,
      dependencies: { 'x.scad': null },
      run: { id: 'r', at: 'now' },
    });
    const reads: string[] = [];
    await Promise.all([
      ...Array.from({ length: 20 }, (_, index) => cache.writeEntry(entry(index))),
      // Reads are synchronous: spread over the writes in flight.
      ...Array.from({ length: 20 }, async (_, index) => {
        await new Promise((resolve) => setTimeout(resolve, index));
        reads.push(cache.readEntry(key).kind);
      }),
    ]);
    expect(reads.filter((kind) => kind === 'corrupt')).toEqual([]);
    expect(cache.readEntry(key).kind).toBe('found');
  });

  it('logs runs and reads them back', async () => {
    const { store: cache } = await store();
    const run = { id: '1', at: 'now', project: '/p', parts: 3, hits: 2, rendered: 1, stored: 1 };
    await cache.logRun(run);
    await cache.logRun({ ...run, id: '2' });
    expect((await cache.readRuns()).map((record) => record.id)).toEqual(['1', '2']);
  });
});
