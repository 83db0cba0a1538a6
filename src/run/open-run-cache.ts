import { randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { CacheStore } from '../cache/cache-store.js';
import { PartCache } from '../cache/part-cache.js';
import type { ConfigProblem } from '../errors.js';
import type { FileDigests } from '../job/file-digests.js';
import { ensureStateFolder, stateFolderOf } from '../util/ensure-state-folder.js';
import type { RenderOptions } from './render-options.js';
import { makeFolder } from '../util/make-folder.js';

/** The cache's default size limit: 2 GB. */
export const defaultCacheMaxBytes = 2 * 1024 ** 3;

/** The cache as one run uses it. */
export interface RunCache {
  readonly cache: PartCache;
  readonly store: CacheStore;
  /** False with `--force`: every part renders (and is stored again). */
  readonly read: boolean;
  /** False when the store's folder cannot be written (a read-only project without `--cache-dir`). */
  readonly write: boolean;
  readonly maxBytes: number;
  readonly runId: string;
  readonly warnings: readonly ConfigProblem[];
}

/** Where a run's cache is, before the run opens it. */
export interface CacheLocation {
  readonly dir: string;
  /** Whether it is the project's own `.parascad/cache`, whose `.parascad/` gets a `.gitignore`. */
  readonly inProject: boolean;
  readonly maxBytes: number;
}

/** The project's cache settings (config `cache: { dir, maxSize }`), already resolved to absolute paths. */
export interface ProjectCacheSettings {
  readonly dir?: string;
  readonly maxSizeBytes?: number;
}

/**
 * Where the cache is: `--cache-dir` (relative to cwd), `PARASCAD_CACHE_DIR`, the config's
 * `cache.dir`, else `.parascad/cache` in the project folder.
 */
export function cacheLocation(
  projectDir: string,
  options: RenderOptions,
  settings: ProjectCacheSettings = {},
): CacheLocation {
  const env = options.env ?? process.env;
  const cwd = resolve(options.cwd ?? process.cwd());
  const given =
    options.cacheDir === undefined
      ? env['PARASCAD_CACHE_DIR'] === undefined || env['PARASCAD_CACHE_DIR'] === ''
        ? settings.dir
        : resolve(cwd, env['PARASCAD_CACHE_DIR'])
      : resolve(cwd, options.cacheDir);
  return {
    dir: given ?? join(stateFolderOf(projectDir, options), 'cache'),
    inProject: given === undefined,
    maxBytes: options.cacheMaxBytes ?? settings.maxSizeBytes ?? defaultCacheMaxBytes,
  };
}

/**
 * Opens the run's cache, or answers undefined with `--no-cache`. A store that cannot be written
 * (a read-only project folder) is still read, and the run says once that nothing is stored.
 */
export async function openRunCache(
  location: CacheLocation,
  places: {
    readonly root: string;
    readonly libraryPaths: readonly string[];
    readonly digests: FileDigests;
  },
  options: RenderOptions,
): Promise<RunCache | undefined> {
  if (options.cache === false) return undefined;
  const runId = `${new Date().toISOString().replace(/[-:.]/g, '').slice(0, 15)}-${randomBytes(3).toString('hex')}`;
  const store = new CacheStore(location.dir);
  const problem = await writable(location);
  return {
    cache: new PartCache(store, places, { id: runId, at: new Date().toISOString() }),
    store,
    read: options.force !== true,
    write: problem === undefined,
    maxBytes: location.maxBytes,
    runId,
    warnings:
      problem === undefined
        ? []
        : [
            {
              message: `the cache at ${location.dir} cannot be written (${problem}): parts render without being stored`,
              hint: 'Point --cache-dir or PARASCAD_CACHE_DIR at a writable folder, or pass --no-cache.',
            },
          ],
  };
}

/** Why the store's folder cannot be written, or undefined when it can. */
async function writable(location: CacheLocation): Promise<string | undefined> {
  try {
    if (location.inProject) await ensureStateFolder(dirname(location.dir));
    await makeFolder(join(location.dir, 'tmp'));
    const probe = join(
      location.dir,
      'tmp',
      `.write-${process.pid}-${randomBytes(4).toString('hex')}`,
    );
    await writeFile(probe, '');
    await rm(probe, { force: true });
    return undefined;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? String(error);
  }
}
