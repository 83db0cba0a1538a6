import { mkdir, mkdtemp, readdir, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CacheStore } from '../../src/cache/cache-store.js';
import { cacheUsage } from '../../src/cache/cache-usage.js';
import { pruneCache } from '../../src/cache/prune-cache.js';
import type { Digest } from '../../src/job/digest.js';
import type { PartKey } from '../../src/job/part-key.js';

const hour = 3_600_000;

/** A store with three entries of one 1000-byte blob each, used one, two and three hours ago. */
async function storeWithThreeEntries(): Promise<{ dir: string; now: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'parascad-prune-'));
  const store = new CacheStore(dir);
  const now = Date.now();
  for (const [index, age] of [1, 2, 3].entries()) {
    const file = join(dir, `out-${index}.stl`);
    await writeFile(file, String(index).repeat(1000));
    const blob = await store.putBlob(file);
    const key = String(index).repeat(64) as PartKey;
    await store.writeEntry({
      schema: 1,
      key,
      programKey: 'f'.repeat(64) as Digest,
      partId: `part-${index}`,
      engine: { id: 'wasm', version: 'x', backend: 'manifold' },
      outputs: [{ format: 'stl', digest: blob.digest, bytes: blob.bytes, summary: '' }],
      diagnostics: [],
      seconds: 1,
      dependencies: {},
      run: { id: 'r', at: new Date().toISOString() },
    });
    const used = new Date(now - age * hour);
    await utimes(join(dir, 'entries', key.slice(0, 2), `${key}.json`), used, used);
    await utimes(store.blobPath(blob.digest), used, used);
  }
  return { dir, now };
}

describe('pruneCache', () => {
  it('evicts the least recently used entries and their blobs until the store fits', async () => {
    const { dir, now } = await storeWithThreeEntries();
    const before = await cacheUsage(dir);
    expect(before.entries).toHaveLength(3);
    const pruned = await pruneCache(dir, { maxBytes: before.totalBytes - 100, now });
    expect(pruned.entriesRemoved).toBe(1);
    const after = await cacheUsage(dir);
    expect(after.entries.map((entry) => entry.file).join()).not.toMatch(/3{64}/);
    expect(after.blobs.size).toBe(2);
    expect(after.totalBytes).toBeLessThan(before.totalBytes);
  });

  it('removes the blobs of evicted entries at once, however young: the store fits right after the run', async () => {
    const { dir, now } = await storeWithThreeEntries();
    for (const file of (await readdir(join(dir, 'blobs'), { recursive: true })).map((name) =>
      join(dir, 'blobs', name),
    )) {
      await utimes(file, new Date(now), new Date(now)).catch(() => undefined);
    }
    const before = await cacheUsage(dir);
    const pruned = await pruneCache(dir, { maxBytes: before.totalBytes - 100, now });
    expect(pruned.entriesRemoved).toBe(1);
    expect((await cacheUsage(dir)).blobs.size).toBe(2);
    expect(pruned.bytesAfter).toBeLessThanOrEqual(before.totalBytes - 100);
  });

  it('counts the manifests against the limit: the store fits after eviction, manifests included', async () => {
    const { dir, now } = await storeWithThreeEntries();
    await mkdir(join(dir, 'manifests', 'ff'), { recursive: true });
    await writeFile(join(dir, 'manifests', 'ff', `${'f'.repeat(64)}.json`), ' '.repeat(1500));
    const before = await cacheUsage(dir);
    const maxBytes = before.totalBytes - 100;
    const pruned = await pruneCache(dir, { maxBytes, now });
    expect(pruned.entriesRemoved).toBeGreaterThan(0);
    expect((await cacheUsage(dir)).totalBytes).toBeLessThanOrEqual(maxBytes);
  });

  it('removes nothing while the store fits', async () => {
    const { dir, now } = await storeWithThreeEntries();
    const pruned = await pruneCache(dir, { maxBytes: 10 ** 9, now });
    expect(pruned.entriesRemoved).toBe(0);
  });

  it('removes entries not used for longer than --older-than', async () => {
    const { dir, now } = await storeWithThreeEntries();
    const pruned = await pruneCache(dir, { olderThanMs: 1.5 * hour, now });
    expect(pruned.entriesRemoved).toBe(2);
    expect((await cacheUsage(dir)).blobs.size).toBe(1);
    expect(pruned.filesRemoved).toBe(2);
  });

  it('keeps a young blob no entry refers to yet: another process may be storing its entry', async () => {
    const { dir, now } = await storeWithThreeEntries();
    const fresh = join(dir, 'fresh.stl');
    await writeFile(fresh, 'new');
    await new CacheStore(dir).putBlob(fresh);
    await pruneCache(dir, { olderThanMs: 0, now });
    const shards = await readdir(join(dir, 'blobs'), { recursive: true });
    expect(shards.length).toBeGreaterThan(0);
    expect((await cacheUsage(dir)).blobs.size).toBe(1);
  });
});
