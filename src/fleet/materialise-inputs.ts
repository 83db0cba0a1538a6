import { readFile, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, relative } from 'node:path';
import { collectDependencies } from '../discovery/collect-dependencies.js';
import { filesForDynamicImports } from '../discovery/files-for-dynamic-imports.js';
import { libraryPrefix } from '../job/input-path.js';
import type { PartJob } from '../job/part-job.js';
import type { BlobStore } from './blob-store.js';
import { blobDigest, isBlobDigest } from './blob-store.js';
import { RefusedJobError, scratchPath, type JobScratch } from './rebuild-render-job.js';
import { makeFolder } from '../util/make-folder.js';

export interface MaterialiseOptions {
  readonly blobs: BlobStore;
  /** The worker's own OpenSCAD library folders (MCAD, …): the only folders outside scratch a part may read. */
  readonly libraryPaths: readonly string[];
  /**
   * Whether the engine reads libraries only from the worker's own folders (the native binary
   * searches its OPENSCADPATH, not the job's): then a job's `<lib>/…` file must match them.
   */
  readonly nativeLibraries: boolean;
}

/**
 * Fetches a job's input files by digest into its scratch folder (each verified against its
 * digest on arrival: a tampered or expired blob refuses the job) and answers the files the
 * render may read. Then checks, from the files themselves, that nothing they include, use or
 * import lies outside the scratch folder and the worker's library folders: an absolute
 * `import("/home/…")` in a user's file must not read the worker's own files.
 */
export async function materialiseInputs(
  work: PartJob,
  scratch: JobScratch,
  scadFile: string,
  options: MaterialiseOptions,
): Promise<string[]> {
  const files: string[] = [];
  for (const [path, digest] of Object.entries(work.inputs)) {
    // An absent file only makes the key: nothing to fetch, wherever it would have been.
    if (digest === null) continue;
    const target = scratchPath(scratch, path);
    if (!isBlobDigest(digest)) throw new RefusedJobError(`input ${path} has no valid digest`);
    if (options.nativeLibraries && path.startsWith(libraryPrefix)) {
      await checkOwnLibrary(path.slice(libraryPrefix.length), digest, options.libraryPaths);
    }
    const fetched = await options.blobs.get(digest);
    switch (fetched.kind) {
      case 'ok':
        break;
      case 'missing':
        throw new RefusedJobError(
          `input ${path} (blob ${digest.slice(0, 12)}) is no longer in the fleet's store`,
        );
      case 'tampered':
        throw new RefusedJobError(
          `input ${path}: blob ${digest.slice(0, 12)} does not match its digest (got ${fetched.actual.slice(0, 12)}); refused`,
        );
    }
    await makeFolder(dirname(target));
    await writeFile(target, fetched.bytes, { flag: 'wx' });
    files.push(target);
  }
  const allowed = [scratch.root, scratch.library, ...options.libraryPaths];
  const closure = await collectDependencies(scadFile, {
    libraryPaths: [scratch.library, ...options.libraryPaths],
  });
  const outside = closure.files.find((file) => !allowed.some((folder) => inside(folder, file)));
  if (outside !== undefined) {
    throw new RefusedJobError(
      `the part reads ${outside}, outside the files it was sent and the worker's library folders; refused`,
    );
  }
  const escaping = closure.missing.find((missing) => isAbsolute(missing.path));
  if (escaping !== undefined) {
    throw new RefusedJobError(
      `the part reads the absolute path ${escaping.path}; a worker reads only the files it was sent`,
    );
  }
  const dynamic = await filesForDynamicImports(closure, scadFile);
  return [...new Set([...files, ...closure.files, ...dynamic])];
}

/** A native engine reads `<lib>/…` files from the worker's own folders: they must hold the same bytes. */
async function checkOwnLibrary(
  path: string,
  digest: string,
  libraryPaths: readonly string[],
): Promise<void> {
  for (const folder of libraryPaths) {
    const bytes = await readFile(`${folder}/${path}`).catch(() => undefined);
    if (bytes === undefined) continue;
    if (blobDigest(bytes) === digest) return;
    throw new RefusedJobError(
      `this worker's library file ${path} differs from the one the part was planned with; install the same library version, or render it on the WASM engine`,
    );
  }
  throw new RefusedJobError(
    `this worker lacks the library file ${path} (looked in ${libraryPaths.join(', ') || 'no library folder'})`,
  );
}

function inside(folder: string, file: string): boolean {
  const path = relative(folder, file);
  return path !== '' && !path.startsWith('..') && !isAbsolute(path);
}
