import { readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CacheEntry } from '../cache/cache-entry.js';
import type { CacheStore } from '../cache/cache-store.js';
import { digest } from '../job/digest.js';
import type { RenderJob } from '../plan/render-job.js';
import type { DeliveredOutput, PartResult } from './part-result.js';
import { tempNameBeside } from './temp-names.js';
import { makeFolder } from '../util/make-folder.js';
import { removeFile } from '../util/remove-file.js';
import {
  OutputsNotReplaced,
  replaceOutputsTogether,
  type OutputMove,
} from '../outputs/replace-outputs.js';

/** A cached part put back in place, why its entry could not be used, or why its outputs could not be written. */
export type Restored =
  | { readonly kind: 'restored'; readonly result: PartResult }
  | { readonly kind: 'damaged'; readonly reason: string }
  | { readonly kind: 'unwritable'; readonly result: PartResult };

/**
 * Puts a cached part's outputs in place without starting an engine. An output already holding
 * the recorded bytes is left alone (its modification time too, so that a slicer or `make`
 * watching it sees nothing); the others are restored from the store under temporary names and
 * put in place together, like a render's. A blob that is missing or fails its digest check is
 * reported, and the part renders instead; an output that cannot be written fails the part (a
 * render would write it no better).
 */
export async function restoreCachedPart(
  job: RenderJob,
  entry: CacheEntry,
  store: CacheStore,
): Promise<Restored> {
  const delivered: DeliveredOutput[] = [];
  const moves: OutputMove[] = [];
  try {
    for (const output of job.outputs) {
      const cached = entry.outputs.find((candidate) => candidate.format === output.format);
      if (cached === undefined) {
        return { kind: 'damaged', reason: `its cache entry has no ${output.format} output` };
      }
      if (!holds(output.path, cached.bytes, cached.digest)) {
        const move = { from: tempNameBeside(output.path), to: output.path };
        await makeFolder(dirname(output.path));
        moves.push(move);
        const problem = await store.writeBlob(cached.digest, move.from);
        if (problem !== undefined) return { kind: 'damaged', reason: problem };
      }
      delivered.push({
        format: output.format,
        path: output.path,
        bytes: cached.bytes,
        summary: cached.summary,
        digest: cached.digest,
        ...(cached.note === undefined ? {} : { note: cached.note }),
        ...(cached.facts === undefined ? {} : { facts: cached.facts }),
        // The file holds the entry's bytes now (checked or restored): its digests are the entry's.
        ...(typeof cached.geometry === 'string' ? { geometryDigest: cached.geometry } : {}),
      });
    }
    await replaceOutputsTogether(moves);
    moves.length = 0;
  } catch (error) {
    const message =
      error instanceof OutputsNotReplaced
        ? error.message
        : `its outputs could not be written: ${error instanceof Error ? error.message : String(error)}`;
    return {
      kind: 'unwritable',
      result: {
        job,
        engine: entry.engine.id,
        status: 'failed',
        failure: { kind: 'io-error', message },
        outputs: [],
        diagnostics: [],
        seconds: 0,
        attempts: 0,
        console: '',
      },
    };
  } finally {
    await Promise.all(moves.map((move) => removeFile(move.from)));
  }
  store.touchEntry(entry.key);
  return {
    kind: 'restored',
    result: {
      job,
      engine: entry.engine.id,
      status: 'ok',
      outputs: delivered,
      diagnostics: entry.diagnostics,
      seconds: 0,
      attempts: 0,
      console: '',
      ...(entry.dimension === undefined ? {} : { dimension: entry.dimension }),
      cached: {
        key: entry.key,
        renderedAt: entry.run.at,
        runId: entry.run.id,
        seconds: entry.seconds,
        engine: entry.engine,
      },
    },
  };
}

/**
 * Whether a file holds exactly the bytes of a digest. Read synchronously: a re-run checks every
 * output, and the digest that follows holds the thread as long as the read would; a file of
 * another size is not read at all.
 */
function holds(path: string, bytes: number, expected: string): boolean {
  try {
    const stats = statSync(path);
    if (!stats.isFile() || stats.size !== bytes) return false;
    return digest(readFileSync(path)) === expected;
  } catch {
    return false;
  }
}
