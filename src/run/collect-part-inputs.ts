import { collectDependencies } from '../discovery/collect-dependencies.js';
import { SourceFiles } from '../discovery/source-files.js';
import { filesForDynamicImports } from '../discovery/files-for-dynamic-imports.js';
import type { RenderJob } from '../plan/render-job.js';

/** The files a scad file's parts may read, found without running OpenSCAD. */
export interface PartInputs {
  /** Its closure (main file first) and what its computed imports may name. */
  readonly files: readonly string[];
  /** Paths OpenSCAD would look at for a reference that does not resolve now. */
  readonly absent: readonly string[];
}

/**
 * What each scad file's parts may read: the closure (includes, uses, imports, library files) and
 * the files a computed `import()` may name. Worked out once per file, not once per part, and
 * each shared include read once. The WASM
 * engine is given exactly these files; the part job names them by digest.
 */
export async function collectPartInputs(
  jobs: readonly RenderJob[],
  libraryPaths: readonly string[],
): Promise<Map<string, PartInputs>> {
  const inputs = new Map<string, PartInputs>();
  // Read now, not taken from planning: a file may change in between (a `watch` round).
  const sources = new SourceFiles();
  for (const scadFile of new Set(jobs.map((job) => job.scadFile))) {
    const closure = await collectDependencies(scadFile, { libraryPaths, sources });
    const dynamic = await filesForDynamicImports(closure, scadFile);
    inputs.set(scadFile, {
      files: [...new Set([...closure.files, ...dynamic])],
      absent: [
        ...new Set(
          closure.missing.flatMap((missing) =>
            missing.reason === 'not-found' ? missing.tried : [],
          ),
        ),
      ],
    });
  }
  return inputs;
}
