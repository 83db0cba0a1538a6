import { digest, type Digest } from './digest.js';
import type { PartJob } from './part-job.js';

declare const partKeyBrand: unique symbol;

/** A digest of everything that decides a part's output bytes: names its cache entry and its fleet job. */
export type PartKey = Digest & { readonly [partKeyBrand]: true };

/** Bump when the key's recipe changes, so that older entries simply stop matching. */
const recipe = 'parascad-part-key/2';
/**
 * Bump when the hybrid route writes other outputs for the same program, so that only its entries
 * stop matching: 2 — its native step evaluates with `$preview = false` (it took the preview branch).
 */
const hybridRoute = 2;

/**
 * The part of the key that needs no file contents: the program OpenSCAD runs (the user's file
 * relative to the root, its `-D` definitions, the use-mode call), the formats, and the engine's identity. Two runs
 * of the same part with the same engine share it whatever the files hold; the cache files the
 * dependencies it recorded for a part under it (ccache's "direct mode" manifest).
 */
export function programKey(job: PartJob): Digest {
  return digest(
    JSON.stringify([
      recipe,
      job.program.path,
      job.program.useCall ?? null,
      job.program.defines,
      [...job.formats].sort(),
      [job.engine.id, job.engine.version, job.engine.backend],
      ...(job.engine.id === 'hybrid' ? [['route', hybridRoute]] : []),
      // Only when set, so that the keys of parts with OpenSCAD's ASCII STL stay as they were.
      ...(job.stl === undefined ? [] : [['stl', job.stl]]),
    ]),
  );
}

/**
 * The part key: {@link programKey} plus the content digest of every file the part reads, by its
 * root-relative path (null: looked for and absent). By default the job's own inputs (the closure
 * parascad found); the cache passes the files OpenSCAD actually opened, recorded after a render.
 * Not modification times: a `touch` or a checkout that restores the same bytes keeps the key.
 */
export function partKey(
  job: PartJob,
  inputs: Readonly<Record<string, Digest | null>> = job.inputs,
): PartKey {
  return keyOf(programKey(job), inputs);
}

/** The part key from an already computed {@link programKey}. */
export function keyOf(
  programDigest: Digest,
  inputs: Readonly<Record<string, Digest | null>>,
): PartKey {
  const files = Object.entries(inputs).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return digest(JSON.stringify([recipe, programDigest, files])) as PartKey;
}
