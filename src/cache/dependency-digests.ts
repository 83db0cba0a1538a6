import { access } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import type { Digest } from '../job/digest.js';
import type { FileDigests } from '../job/file-digests.js';
import { inputPath, libraryPrefix } from '../job/input-path.js';
import type { DependencyDigests } from './cache-entry.js';

/** Where a run's files are, to turn job paths into host paths and back. */
export interface FilePlaces {
  readonly root: string;
  readonly libraryPaths: readonly string[];
  readonly digests: FileDigests;
}

/**
 * The digests of recorded dependencies now, by job path. A `<lib>/` path is looked up along the
 * library path in order, as OpenSCAD does; a file found in none is absent (null).
 */
export async function currentDigests(
  paths: Iterable<string>,
  places: FilePlaces,
): Promise<Record<string, Digest | null>> {
  const now: Record<string, Digest | null> = {};
  for (const path of paths) {
    const host = await hostFile(path, places);
    now[path] = host === undefined ? null : await places.digests.of(host);
  }
  return now;
}

/**
 * The first difference between recorded and current digests, said for a person
 * (`parts/dims.scad changed`), or undefined when there is none.
 */
export function firstDifference(
  recorded: DependencyDigests,
  now: DependencyDigests,
): string | undefined {
  for (const [path, before] of Object.entries(recorded)) {
    const after = now[path] ?? null;
    if (before === after) continue;
    if (before === null) return `${path} appeared`;
    if (after === null) return `${path} vanished`;
    return `${path} changed`;
  }
  return undefined;
}

/** Job paths and digests of the files a render opened, plus the files it looked for in vain. */
export async function recordDependencies(
  opened: readonly string[],
  absent: readonly string[],
  places: FilePlaces,
): Promise<Record<string, Digest | null>> {
  const address = (file: string): string => inputPath(places.root, places.libraryPaths, file);
  const recorded: Record<string, Digest | null> = {};
  for (const file of absent) recorded[address(file)] = null;
  for (const file of opened) recorded[address(file)] = await places.digests.of(file);
  return Object.fromEntries(
    Object.entries(recorded).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
}

async function hostFile(path: string, places: FilePlaces): Promise<string | undefined> {
  if (!path.startsWith(libraryPrefix)) {
    return isAbsolute(path) ? path : resolve(places.root, path);
  }
  const rest = path.slice(libraryPrefix.length);
  for (const library of places.libraryPaths) {
    const candidate = join(library, rest);
    if (
      await access(candidate).then(
        () => true,
        () => false,
      )
    )
      return candidate;
  }
  return undefined;
}
