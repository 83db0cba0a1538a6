import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { CacheEntry } from './cache-entry.js';

/** One stored entry, as eviction and `parascad cache` see it. */
export interface EntryUsage {
  readonly file: string;
  /** Last used (stored or hit): the entry file's modification time. */
  readonly usedMs: number;
  readonly bytes: number;
  /** Digests of the blobs it refers to. */
  readonly blobs: readonly string[];
}

/** What a store holds. */
export interface CacheUsage {
  readonly entries: readonly EntryUsage[];
  readonly blobs: ReadonlyMap<
    string,
    { readonly file: string; readonly bytes: number; readonly modifiedMs: number }
  >;
  /** Entries, manifests and blobs together. */
  readonly totalBytes: number;
}

/** Reads a store's folders: every entry with the blobs it refers to, and every blob. */
export async function cacheUsage(dir: string): Promise<CacheUsage> {
  const entries: EntryUsage[] = [];
  let totalBytes = 0;
  for (const file of await filesUnder(join(dir, 'entries'))) {
    const info = await stat(file).catch(() => undefined);
    if (info === undefined) continue;
    totalBytes += info.size;
    const blobs = await readFile(file, 'utf8').then(
      (text) =>
        (JSON.parse(text) as Partial<CacheEntry>).outputs?.map((output) => output.digest) ?? [],
      () => [],
    );
    entries.push({ file, usedMs: info.mtimeMs, bytes: info.size, blobs });
  }
  const blobs = new Map<string, { file: string; bytes: number; modifiedMs: number }>();
  for (const file of await filesUnder(join(dir, 'blobs'))) {
    const info = await stat(file).catch(() => undefined);
    if (info === undefined) continue;
    totalBytes += info.size;
    blobs.set(file.slice(file.lastIndexOf('/') + 1), {
      file,
      bytes: info.size,
      modifiedMs: info.mtimeMs,
    });
  }
  for (const file of await filesUnder(join(dir, 'manifests'))) {
    totalBytes += (await stat(file).catch(() => undefined))?.size ?? 0;
  }
  return { entries, blobs, totalBytes };
}

/** Files one shard level below a folder (`entries/ab/<name>`). */
async function filesUnder(folder: string): Promise<string[]> {
  const files: string[] = [];
  const shards = await readdir(folder, { withFileTypes: true }).catch(() => []);
  for (const shard of shards) {
    if (!shard.isDirectory()) continue;
    const names = await readdir(join(folder, shard.name)).catch(() => []);
    for (const name of names) if (!name.startsWith('.')) files.push(join(folder, shard.name, name));
  }
  return files;
}
