import path from 'node:path';
import type { DependencyStatement } from './collect-dependencies.js';

/** Where a statement naming a file stands, for resolving the path it names. */
export interface StatementPlace {
  /** Absolute path of the file holding the statement. */
  readonly file: string;
  /** Folder of the OpenSCAD module (the main file or a `use`d file) the statement's text belongs to. */
  readonly moduleFolder: string;
  /** Folder of the main file. */
  readonly mainFolder: string;
  /** OpenSCAD's library search path, in order (see `findLibraryPaths`). */
  readonly libraryPaths: readonly string[];
}

/**
 * The absolute paths OpenSCAD may open for a path written in an `include`, `use` or file-reading
 * call, in its order of preference, as OpenSCAD resolves them: `include` looks in the folder of
 * the file holding the statement, then each library folder; `use` the same, then the folder of
 * the module the text belongs to (its second lookup for a `use` inside an included file);
 * file-reading calls in the file's folder (2025), its module's folder (2021.01) and the main
 * file's folder (the fallback of both), since versions disagree. An absolute path is itself.
 */
export function sourceCandidates(
  statement: DependencyStatement,
  written: string,
  place: StatementPlace,
): string[] {
  if (path.isAbsolute(written)) return [path.normalize(written)];
  const folder = path.dirname(place.file);
  const bases =
    statement === 'import'
      ? [folder, place.moduleFolder, place.mainFolder]
      : statement === 'use'
        ? [folder, ...place.libraryPaths, place.moduleFolder]
        : [folder, ...place.libraryPaths];
  return [...new Set(bases.map((base) => path.resolve(base, written)))];
}
