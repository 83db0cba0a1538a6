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
 *   in the main program loses to the used file's own top-level `$fn`; an appended one wins). The
 *   file's own `$fn`/`$fa`/`$fs` are given again, to the main program (see `usedFileQuality`).
 * - A whole file: rendered as it is, with parameters and quality appended.
 */
export function partProgram(job: RenderJob): PartProgram {
  const variables = Object.entries(job.variables).map(([name, value]) => `${name} = ${value}`);
  const quality = qualityAssignments(job.quality);
  if (job.module === undefined) return { defines: [...variables, ...quality] };
  const call = `${job.module}(${(job.arguments ?? []).map((name) => `${name} = ${name}`).join(', ')})`;
  if (job.mode === 'use') {
    const fileQuality = Object.entries(usedFileQuality(job)).map(
      ([name, value]) => `${name} = ${value}`,
    );
    return { defines: [...variables, ...quality, ...fileQuality], useCall: call };
  }
  return { defines: ['batch_rendering = true', ...variables, ...quality, call] };
}

function qualityAssignments(quality: Quality): string[] {
  return (['$fn', '$fa', '$fs'] as const).flatMap((name) =>
    quality[name] === undefined ? [] : [`${name} = ${quality[name]}`],
  );
}

/** A value the main program evaluates as the used file would: numbers, operators, `$` variables. */
const evaluableValue =
  /^(?:\s|\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?|[-+*/%()?:<>=!&|]|\$[A-Za-z_]\w*|true\b|false\b)+$/;

/** Whether a used file's `$fn = value` means the same in the generated main program. */
export function evaluableAnywhere(value: string): boolean {
  return evaluableValue.test(value);
}

/** The special variables that decide curve resolution. */
export type QualityName = keyof Quality;

/**
 * In use mode, the used file's own top-level `$fn`/`$fa`/`$fs` that parascad does not set, again
 * in the main program. OpenSCAD 2021 lets a used module see its file's top-level special
 * variables; 2025 does not (they come only from the callers), so the WASM engine rendered `rod()`
 * of a file that assigns `$fn = 12` with 16 sides where native made 12, and `list` said 12.
 * Only values the main program can evaluate alike: numbers, and expressions of special variables
 * (`$preview ? 24 : 96`); another variable of the file does not exist there. By name, as the
 * value's text: a fleet job carries them so (see `PartJob`), for the worker to rebuild them.
 */
export function usedFileQuality(job: RenderJob): Partial<Record<QualityName, string>> {
  if (job.module === undefined || job.mode !== 'use' || job.qualityFrom?.kind !== 'file') return {};
  const values: Partial<Record<QualityName, string>> = {};
  for (const { text } of job.qualityFrom.assigned ?? []) {
    const assignment = /^(\$f[nas])\s*=\s*([^]*)$/.exec(text);
    const [, name, value = ''] = assignment ?? [];
    const known = name as QualityName | undefined;
    if (known === undefined || job.quality[known] !== undefined) continue;
    if (evaluableAnywhere(value)) values[known] = value;
  }
  return values;
}
