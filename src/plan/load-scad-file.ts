import { collectDependencies } from '../discovery/collect-dependencies.js';
import { findLeakingGeometry } from '../discovery/find-leaking-geometry.js';
import type { LeakingGeometry } from '../discovery/find-leaking-geometry.js';
import { findLibraryPaths } from '../discovery/find-library-paths.js';
import { scanAnnotations } from '../discovery/scan-annotations.js';
import type { AnnotationScan } from '../discovery/scan-annotations.js';
import { topLevelAssignments } from './top-level-assignments.js';
import type { TopLevelAssignment } from './top-level-assignments.js';
import { SourceFiles } from '../discovery/source-files.js';

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

/**
 * Reads and scans a scad file; rejects with the file system's error when it cannot be read.
 * `sources` are the planning pass's: the file and what it includes are read and lexed once.
 */
export async function loadScadFile(
  file: string,
  sources: SourceFiles = new SourceFiles(),
): Promise<ScadFileInfo> {
  const { text: source, tokens } = await sources.source(file);
  let leak: Promise<LeakingGeometry | undefined> | undefined;
  let defaults: Promise<readonly TopLevelAssignment[]> | undefined;
  const assignments = topLevelAssignments(source, file, tokens);
  return {
    file,
    scan: scanAnnotations(source, file, tokens),
    assignments,
    hasGuard: tokens.some(
      (token) => token.kind === 'identifier' && token.text === 'batch_rendering',
    ),
    leakingGeometry: () =>
      (leak ??= findLeakingGeometry(file, { libraryPaths: findLibraryPaths(), sources })),
    variableDefaults: () => (defaults ??= readVariableDefaults(file, assignments, sources)),
  };
}

async function readVariableDefaults(
  file: string,
  own: readonly TopLevelAssignment[],
  sources: SourceFiles,
): Promise<readonly TopLevelAssignment[]> {
  const closure = await collectDependencies(file, { libraryPaths: findLibraryPaths(), sources });
  const others = closure.files.filter((other) => other !== file && /\.scad$/i.test(other));
  const read = await Promise.all(
    others.map((other) =>
      sources.source(other).then(
        ({ text, tokens }) => topLevelAssignments(text, other, tokens),
        () => [],
      ),
    ),
  );
  return [...read.flat(), ...own];
}
