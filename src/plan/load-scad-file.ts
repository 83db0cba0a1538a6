import { collectDependencies } from '../discovery/collect-dependencies.js';
import { findLeakingGeometry } from '../discovery/find-leaking-geometry.js';
import type { LeakingGeometry } from '../discovery/find-leaking-geometry.js';
import { findLibraryPaths } from '../discovery/find-library-paths.js';
import { lexOpenScad } from '../discovery/lex-openscad.js';
import { scanAnnotations } from '../discovery/scan-annotations.js';
import type { AnnotationScan } from '../discovery/scan-annotations.js';
import { topLevelAssignments } from './top-level-assignments.js';
import type { TopLevelAssignment } from './top-level-assignments.js';
import { readRegularText } from '../util/read-regular-file.js';

/** What planning needs to know of one scad file, read once however many entries match it. */
export interface ScadFileInfo {
  /** Absolute path. */
  readonly file: string;
  /** Its `//render.*` markers and settings, and every module it declares. */
  readonly scan: AnnotationScan;
  /** Its top-level assignments, which type customizer values and catch misspelt parameters. */
  readonly assignments: readonly TopLevelAssignment[];
  /**
   * Whether the file mentions `batch_rendering`, the classic guard around its own top-level
   * geometry (`if (is_undef(batch_rendering)) { … }`), so that including it renders nothing else.
   */
  readonly hasGuard: boolean;
  /**
   * The top-level geometry outside a guard that including the file (and what it includes)
   * would add to every part; undefined when there is none. Read on first use, once.
   */
  readonly leakingGeometry: () => Promise<LeakingGeometry | undefined>;
  /**
   * The top-level assignments a part's values can set: those of every file the file includes or
   * uses (recursively; `-D` reaches used files too), then its own, so that the file's own default
   * of a variable comes last and wins. Read on first use, once.
   */
  readonly variableDefaults: () => Promise<readonly TopLevelAssignment[]>;
}

/** Reads and scans a scad file; rejects with the file system's error when it cannot be read. */
export async function loadScadFile(file: string): Promise<ScadFileInfo> {
  const source = await readRegularText(file);
  let leak: Promise<LeakingGeometry | undefined> | undefined;
  let defaults: Promise<readonly TopLevelAssignment[]> | undefined;
  const assignments = topLevelAssignments(source, file);
  return {
    file,
    scan: scanAnnotations(source, file),
    assignments,
    hasGuard: lexOpenScad(source).some(
      (token) => token.kind === 'identifier' && token.text === 'batch_rendering',
    ),
    leakingGeometry: () =>
      (leak ??= findLeakingGeometry(file, {
        libraryPaths: findLibraryPaths(),
        readFile: (name) => (name === file ? Promise.resolve(source) : readRegularText(name)),
      })),
    variableDefaults: () => (defaults ??= readVariableDefaults(file, source, assignments)),
  };
}

async function readVariableDefaults(
  file: string,
  source: string,
  own: readonly TopLevelAssignment[],
): Promise<readonly TopLevelAssignment[]> {
  const closure = await collectDependencies(file, {
    libraryPaths: findLibraryPaths(),
    readFile: (name) => (name === file ? Promise.resolve(source) : readRegularText(name)),
  });
  const others = closure.files.filter((other) => other !== file && /\.scad$/i.test(other));
  const read = await Promise.all(
    others.map((other) =>
      readRegularText(other).then(
        (text) => topLevelAssignments(text, other),
        () => [],
      ),
    ),
  );
  return [...read.flat(), ...own];
}
