import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { SourceLocation } from '../diagnostics/diagnostic.js';
import { findTopLevelGeometry } from './find-top-level-geometry.js';
import type { GuardForm } from './find-top-level-geometry.js';
import { readRegularText } from '../util/read-regular-file.js';
import { SourceFiles } from './source-files.js';

/** Top-level geometry that including a file would add to every part of a generated program. */
export interface LeakingGeometry {
  /** The first unguarded instantiation: in the file itself, else in the first file it includes that has one. */
  readonly module: string;
  readonly at: SourceLocation;
  /** Unguarded instantiations in the file and everything it includes. */
  readonly count: number;
  /** The guard form the file itself uses or suggests, to name in the warning. */
  readonly guard: GuardForm;
}

export interface FindLeakingGeometryOptions {
  /** OpenSCAD's library search path, in order; `include <…>` looks there after the including file's folder. */
  readonly libraryPaths: readonly string[];
  /**
   * Reads a source file; rejects when it cannot.
   * @default reads UTF-8 from disk
   */
  readonly readFile?: (file: string) => Promise<string>;
  /** The planning pass's sources, read and lexed once (`readFile` is then not used). */
  readonly sources?: SourceFiles;
}

/**
 * The top-level geometry outside a `batch_rendering` guard (see `findTopLevelGeometry`) that a
 * file runs when it is included: its own, and that of every file it `include`s, recursively
 * (`use` never runs a file's top-level geometry, so used files do not count). Undefined when
 * there is none. Includes that cannot be found or read are skipped: the render reports them.
 */
export async function findLeakingGeometry(
  file: string,
  options: FindLeakingGeometryOptions,
): Promise<LeakingGeometry | undefined> {
  const sources = options.sources ?? new SourceFiles(options.readFile ?? readRegularText);
  const main = path.resolve(file);
  const visited = new Set<string>();
  let first: { module: string; at: SourceLocation } | undefined;
  let count = 0;
  let guard: GuardForm | undefined;

  const visit = async (current: string): Promise<void> => {
    if (visited.has(current)) return;
    visited.add(current);
    const read = await sources.source(current).catch(() => undefined);
    if (read === undefined) return;
    const found = findTopLevelGeometry(read.text, current, read.tokens);
    guard ??= found.guard;
    count += found.unguarded.length;
    first ??= found.unguarded[0];
    for (const include of found.includes) {
      const target = await resolveInclude(
        include.path,
        path.dirname(current),
        options.libraryPaths,
      );
      if (target !== undefined) await visit(target);
    }
  };
  await visit(main);
  if (first === undefined) return undefined;
  return { ...first, count, guard: guard ?? 'if (is_undef(batch_rendering))' };
}

/** Where OpenSCAD finds `include <name>`: beside the including file, else in a library folder. */
async function resolveInclude(
  name: string,
  folder: string,
  libraryPaths: readonly string[],
): Promise<string | undefined> {
  const candidates = path.isAbsolute(name)
    ? [name]
    : [folder, ...libraryPaths].map((base) => path.resolve(base, name));
  for (const candidate of candidates) {
    if ((await stat(candidate).catch(() => undefined))?.isFile() === true) return candidate;
  }
  return undefined;
}
