import { pruneCache } from '../cache/prune-cache.js';
import type { CacheRunRecord } from '../cache/cache-store.js';
import type { RunCache } from './open-run-cache.js';

/**
 * The end of a run's cache work: one line in the store's run log (for `parascad cache`), then
 * least-recently-used eviction when the store grew beyond its limit. Neither may fail the run.
 */
export async function finishRunCache(
  runCache: RunCache,
  counts: Omit<CacheRunRecord, 'id' | 'at'>,
): Promise<void> {
  if (!runCache.write) return;
  await runCache.store
    .logRun({ id: runCache.runId, at: new Date().toISOString(), ...counts })
    .catch(() => undefined);
  if (counts.stored > 0) {
    await pruneCache(runCache.store.dir, { maxBytes: runCache.maxBytes }).catch(() => undefined);
  }
}
