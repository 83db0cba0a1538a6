import { rm } from 'node:fs/promises';
import { cacheUsage, type EntryUsage } from './cache-usage.js';

/** What a prune removed. */
export interface PruneResult {
  readonly entriesRemoved: number;
  /** Stored files removed because no remaining entry refers to them. */
  readonly filesRemoved: number;
  readonly bytesBefore: number;
  readonly bytesAfter: number;
}

export interface PruneOptions {
  /** Keep the store under this many bytes, removing the least recently used entries first. */
  readonly maxBytes?: number;
  /** Remove entries not used for this long. */
  readonly olderThanMs?: number;
  /** @default Date.now() */
  readonly now?: number;
  /**
   * Blobs younger than this are kept even when no entry refers to them yet: another process
   * may be storing the entry that will (it writes blobs first).
   * @default 10 minutes
   */
  readonly graceMs?: number;
}

/**
 * Least-recently-used eviction and `cache clean --older-than`: removes entries (oldest use first)
 * until the store fits, then every blob no remaining entry refers to. Safe beside a running
 * parascad: at worst one of its parts misses and renders again.
 */
export async function pruneCache(dir: string, options: PruneOptions): Promise<PruneResult> {
  const usage = await cacheUsage(dir);
  const now = options.now ?? Date.now();
  const graceMs = options.graceMs ?? 10 * 60_000;
  const byUse = [...usage.entries].sort((a, b) => a.usedMs - b.usedMs);
  const removed = new Set<EntryUsage>();
  if (options.olderThanMs !== undefined) {
    const olderThanMs = options.olderThanMs;
    for (const entry of byUse) if (now - entry.usedMs > olderThanMs) removed.add(entry);
  }
  const sizeOf = (kept: readonly EntryUsage[]): number => {
    const blobs = new Set(kept.flatMap((entry) => entry.blobs));
    return (
      kept.reduce((sum, entry) => sum + entry.bytes, 0) +
      [...blobs].reduce((sum, blob) => sum + (usage.blobs.get(blob)?.bytes ?? 0), 0)
    );
  };
  if (options.maxBytes !== undefined && usage.totalBytes > options.maxBytes) {
    // Down to 90% of the limit, so that the next runs do not evict at every part. What no entry
    // accounts for (the manifests) stays, so it counts against the limit too.
    const target = options.maxBytes * 0.9;
    const unaccounted = usage.totalBytes - sizeOf(byUse) - unreferencedBytes(usage, byUse);
    let kept = byUse.filter((entry) => !removed.has(entry));
    while (kept.length > 0 && sizeOf(kept) + unaccounted > target) {
      const [oldest, ...rest] = kept;
      if (oldest !== undefined) removed.add(oldest);
      kept = rest;
    }
  }
  for (const entry of removed) await rm(entry.file, { force: true });
  const referenced = new Set(
    byUse.filter((entry) => !removed.has(entry)).flatMap((entry) => entry.blobs),
  );
  // The grace is for blobs no entry names yet; those of entries just removed go now, or the
  // store would stay above its limit (with their parts evicted) until the grace ran out.
  const ofRemoved = new Set([...removed].flatMap((entry) => entry.blobs));
  let bytesAfter = usage.totalBytes - [...removed].reduce((sum, entry) => sum + entry.bytes, 0);
  let filesRemoved = 0;
  for (const [blob, info] of usage.blobs) {
    if (referenced.has(blob)) continue;
    if (!ofRemoved.has(blob) && now - info.modifiedMs < graceMs) continue;
    await rm(info.file, { force: true });
    bytesAfter -= info.bytes;
    filesRemoved++;
  }
  return {
    entriesRemoved: removed.size,
    filesRemoved,
    bytesBefore: usage.totalBytes,
    bytesAfter,
  };
}

/** The bytes of blobs no entry refers to (kept only while young; see `graceMs`). */
function unreferencedBytes(
  usage: Awaited<ReturnType<typeof cacheUsage>>,
  entries: readonly EntryUsage[],
): number {
  const referenced = new Set(entries.flatMap((entry) => entry.blobs));
  let bytes = 0;
  for (const [blob, info] of usage.blobs) if (!referenced.has(blob)) bytes += info.bytes;
  return bytes;
}
