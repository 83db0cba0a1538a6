import type { Quality, RenderJob } from './render-job.js';

/**
 * What OpenSCAD runs for a part, independent of the machine: no paths, no temporary names, so
 * that it can be digested for the part's key and rebuilt on another machine. An engine turns it
 * into files of its own (see `src/engines/part-invocation.ts`), never in the user's folders.
 */
export interface PartProgram {
  /**
   * Statements OpenSCAD appends, as with `-D`, to the main file and to every file it uses:
   * assignments, and in include mode the guard and the module call. Engines pass them through a
   * generated file, so that values of any size work on both engines.
   */
  readonly defines: readonly string[];
  /**
   * Set in use mode: the main program is a generated one that `use`s the user's file and runs
   * this statement (the module call). Otherwise the user's file itself is the main file.
   */
  readonly useCall?: string;
}

/**
 * The program that renders one part.
 *
 * - A module in `include` mode: the user's file is OpenSCAD's main file, exactly as when it is
 *   opened directly (OpenSCAD 2021 resolves `import()` in the file and in the files it includes
 *   against the main file's folder, so this is the only place from which they all resolve as the
 *   user sees them), with the guard, the parameters, the quality and the module call appended
 *   after its text. In OpenSCAD the last assignment of a variable in a scope wins, so the file's
 *   own `batch_rendering`, `$fn` or defaults cannot defeat the guard, the quality or the parameters.
 * - A module in `use` mode: `use` never runs the file's top-level geometry, so no guard is
 *   needed; parameters and quality are appended to the used file too (measured: a `$fn` assigned
 *   in the main program loses to the used file's own top-level `$fn`; an appended one wins).
 * - A whole file: rendered as it is, with parameters and quality appended.
 */
export function partProgram(job: RenderJob): PartProgram {
  const variables = Object.entries(job.variables).map(([name, value]) => `${name} = ${value}`);
  const quality = qualityAssignments(job.quality);
  if (job.module === undefined) return { defines: [...variables, ...quality] };
  const call = `${job.module}()`;
  if (job.mode === 'use') return { defines: [...variables, ...quality], useCall: call };
  return { defines: ['batch_rendering = true', ...variables, ...quality, call] };
}

function qualityAssignments(quality: Quality): string[] {
  return (['$fn', '$fa', '$fs'] as const).flatMap((name) =>
    quality[name] === undefined ? [] : [`${name} = ${quality[name]}`],
  );
}
