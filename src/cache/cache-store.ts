import { readFileSync, utimesSync } from 'node:fs';
import { appendFile, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { digest, isDigest, type Digest } from '../job/digest.js';
import type { PartKey } from '../job/part-key.js';
import { writeAtomic } from '../util/write-atomic.js';
import type { CacheEntry, CacheManifest } from './cache-entry.js';
import { makeFolder } from '../util/make-folder.js';

/** One line of the store's run log, for `parascad cache`. */
export interface CacheRunRecord {
  readonly id: string;
  readonly at: string;
  readonly project: string;
  readonly parts: number;
  readonly hits: number;
  readonly rendered: number;
  readonly stored: number;
}

/** What reading an entry found. */
export type EntryRead =
  | { readonly kind: 'found'; readonly entry: CacheEntry }
  | { readonly kind: 'missing' }
  | { readonly kind: 'corrupt'; readonly reason: string };

/**
 * A content-addressed store on disk:
 * - `blobs/ab/<digest>`: output files, by the SHA-256 of their bytes (written once, shared);
 * - `entries/ab/<key>.json`: a part key → its outputs' digests, diagnostics and dependencies;
 * - `manifests/ab/<program key>.json`: which dependency sets led to which key;
 * - `runs.jsonl`: one line per run, for hit rates.
 * Every write goes to `tmp/` and is renamed into place, so two processes sharing a store never
 * read half a file; a damaged file is detected (JSON that does not parse, a blob whose digest
 * differs) and treated as a miss by the caller.
 *
 * Manifests and entries are small files parascad wrote itself, read and touched synchronously:
 * a re-run looks up every part, and a promise-based read costs ten times a synchronous one (see
 * `readRegularFile`).
 */
export class CacheStore {
  constructor(
    /** The store's folder. */
    readonly dir: string,
  ) {}

  private shard(kind: 'blobs' | 'entries' | 'manifests', name: string, suffix = ''): string {
    return join(this.dir, kind, name.slice(0, 2), `${name}${suffix}`);
  }

  private get tmp(): string {
    return join(this.dir, 'tmp');
  }

  /** The path of a blob (it may not exist). */
  blobPath(blob: Digest): string {
    return this.shard('blobs', blob);
  }

  readManifest(programKey: Digest): CacheManifest | undefined {
    try {
      const parsed = JSON.parse(
        readFileSync(this.shard('manifests', programKey, '.json'), 'utf8'),
      ) as Partial<CacheManifest>;
      return parsed.schema === 1 && Array.isArray(parsed.candidates)
        ? (parsed as CacheManifest)
        : undefined;
    } catch {
      return undefined;
    }
  }

  async writeManifest(programKey: Digest, manifest: CacheManifest): Promise<void> {
    await writeAtomic(
      this.shard('manifests', programKey, '.json'),
      JSON.stringify(manifest),
      this.tmp,
    );
  }

  readEntry(key: PartKey): EntryRead {
    let text: string;
    try {
      text = readFileSync(this.shard('entries', key, '.json'), 'utf8');
    } catch {
      return { kind: 'missing' };
    }
    try {
      const entry = JSON.parse(text) as Partial<CacheEntry>;
      if (entry.schema !== 1 || entry.key !== key || !Array.isArray(entry.outputs)) {
        return { kind: 'corrupt', reason: 'its entry does not describe this part' };
      }
      return { kind: 'found', entry: entry as CacheEntry };
    } catch {
      return { kind: 'corrupt', reason: 'its entry is not valid JSON (truncated?)' };
    }
  }

  async writeEntry(entry: CacheEntry): Promise<void> {
    await writeAtomic(this.shard('entries', entry.key, '.json'), JSON.stringify(entry), this.tmp);
  }

  /** Marks an entry as just used, for least-recently-used eviction. */
  touchEntry(key: PartKey): void {
    const now = new Date();
    try {
      utimesSync(this.shard('entries', key, '.json'), now, now);
    } catch {
      // An entry evicted meanwhile (or a read-only store) needs no mark.
    }
  }

  /** Stores a file's bytes as a blob (once per content) and answers its digest. */
  async putBlob(file: string): Promise<{ digest: Digest; bytes: number }> {
    const bytes = await readFile(file);
    const blob = digest(bytes);
    const path = this.blobPath(blob);
    const existing = await stat(path).catch(() => undefined);
    if (existing?.size !== bytes.byteLength) {
      await writeAtomic(path, bytes, this.tmp);
    } else {
      const now = new Date();
      await utimes(path, now, now).catch(() => undefined);
    }
    return { digest: blob, bytes: bytes.byteLength };
  }

  /**
   * Copies a blob to `target` after checking its digest; answers why not when it is missing or
   * damaged (and removes a damaged blob, so that the next render stores it again).
   */
  /**
   * Writes a stored output to `path` (a temporary name, which the caller renames into place), or
   * says why the store cannot give it. A file that cannot be written is an error, thrown.
   */
  async writeBlob(blob: Digest, path: string): Promise<string | undefined> {
    if (!isDigest(blob)) return 'its entry names no valid output digest';
    let bytes: Buffer;
    try {
      bytes = await readFile(this.blobPath(blob));
    } catch {
      return 'an output is missing from the store';
    }
    if (digest(bytes) !== blob) {
      await rm(this.blobPath(blob), { force: true });
      return 'an output in the store is damaged (its digest does not match)';
    }
    await writeFile(path, bytes);
    return undefined;
  }

  async logRun(record: CacheRunRecord): Promise<void> {
    await makeFolder(this.dir);
    await appendFile(join(this.dir, 'runs.jsonl'), `${JSON.stringify(record)}\n`);
  }

  async readRuns(): Promise<CacheRunRecord[]> {
    const text = await readFile(join(this.dir, 'runs.jsonl'), 'utf8').catch(() => '');
    return text.split('\n').flatMap((line) => {
      try {
        return line.trim() === '' ? [] : [JSON.parse(line) as CacheRunRecord];
      } catch {
        return [];
      }
    });
  }
}
