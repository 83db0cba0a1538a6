import { readFile } from 'node:fs/promises';
import { findLeakingGeometry } from '../discovery/find-leaking-geometry.js';
import type { LeakingGeometry } from '../discovery/find-leaking-geometry.js';
import { findLibraryPaths } from '../discovery/find-library-paths.js';
import { lexOpenScad } from '../discovery/lex-openscad.js';
import { scanAnnotations } from '../discovery/scan-annotations.js';
import type { AnnotationScan } from '../discovery/scan-annotations.js';
import { topLevelAssignments } from './top-level-assignments.js';
import type { TopLevelAssignment } from './top-level-assignments.js';

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
}

/** Reads and scans a scad file; rejects with the file system's error when it cannot be read. */
export async function loadScadFile(file: string): Promise<ScadFileInfo> {
  const source = await readFile(file, 'utf8');
  let leak: Promise<LeakingGeometry | undefined> | undefined;
  return {
    file,
    scan: scanAnnotations(source, file),
    assignments: topLevelAssignments(source, file),
    hasGuard: lexOpenScad(source).some(
      (token) => token.kind === 'identifier' && token.text === 'batch_rendering',
    ),
    leakingGeometry: () =>
      (leak ??= findLeakingGeometry(file, {
        libraryPaths: findLibraryPaths(),
        readFile: (name) => (name === file ? Promise.resolve(source) : readFile(name, 'utf8')),
      })),
  };
}
