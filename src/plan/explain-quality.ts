import { basename } from 'node:path';
import { pointAt } from '../diagnostics/diagnostic.js';
import { programScope } from '../discovery/program-scope.js';
import type { SourceFiles } from '../discovery/source-files.js';
import type { ConfigProblem } from '../errors.js';
import { ownResolution, resolutionVariables } from './own-resolution.js';
import { evaluableAnywhere } from './part-program.js';
import type { TopLevelAssignment } from './top-level-assignments.js';
import type { RenderJob } from './render-job.js';

export interface ExplainQualityOptions {
  /** OpenSCAD's library search path, to follow the files' `include`s. */
  readonly libraryPaths: readonly string[];
  /** The planning pass's sources, each read and lexed once. */
  readonly sources?: SourceFiles;
}

/**
 * Completes what parts say about their quality: a part that gets none from parascad learns the
 * `$fn`/`$fa`/`$fs` its file (or a file it includes) assigns at top level, and where; a part
 * that gets the classic default `$fn = 95` over such an assignment yields one warning per file,
 * at the assignment, saying how to choose, so that the file's own resolution is never
 * overridden silently.
 */
export async function explainQuality(
  jobs: readonly RenderJob[],
  options: ExplainQualityOptions,
): Promise<{ jobs: RenderJob[]; warnings: ConfigProblem[] }> {
  const resolutions = new Map<string, Promise<TopLevelAssignment[]>>();
  const resolutionOf = (file: string): Promise<TopLevelAssignment[]> => {
    let found = resolutions.get(file);
    if (found === undefined) {
      found = programScope(file, options).then(
        (scope) => {
          const own = ownResolution(scope);
          return resolutionVariables.flatMap((name) => own[name] ?? []);
        },
        () => [],
      );
      resolutions.set(file, found);
    }
    return found;
  };
  const warnings: ConfigProblem[] = [];
  const warned = new Set<string>();
  const explained: RenderJob[] = [];
  for (const job of jobs) {
    const kind = job.qualityFrom?.kind;
    if (kind !== 'file' && kind !== 'classic-default') {
      explained.push(job);
      continue;
    }
    const own = await resolutionOf(job.scadFile);
    if (kind === 'file') {
      const unseen =
        job.mode === 'use' && job.module !== undefined
          ? own.filter(
              (assignment) =>
                job.quality[assignment.name as keyof RenderJob['quality']] === undefined &&
                !evaluableAnywhere(assignment.source),
            )
          : [];
      const [firstUnseen] = unseen;
      if (firstUnseen !== undefined && !warned.has(job.scadFile)) {
        warned.add(job.scadFile);
        const fileName = basename(job.scadFile);
        warnings.push({
          message: `${firstUnseen.name} = ${firstUnseen.source} at the top level of ${fileName} is not seen by its parts on OpenSCAD 2025 (--engine wasm, auto's first choice): they render with use <${fileName}>, and 2025 gives a used module only its callers' special variables`,
          location: { ...firstUnseen.at },
          hint: `write the value as a number, set quality: in the config, or render the parts with include (mode: include, or the batch_rendering guard around the file's own geometry)`,
        });
      }
      explained.push(
        own.length === 0
          ? job
          : {
              ...job,
              qualityFrom: {
                kind: 'file',
                assigned: own.map((assignment) => ({
                  text: `${assignment.name} = ${assignment.source}`,
                  at: pointAt(assignment.at),
                })),
              },
            },
      );
      continue;
    }
    explained.push(job);
    const [first] = own;
    if (first === undefined || warned.has(job.scadFile)) continue;
    warned.add(job.scadFile);
    const written = own.map((assignment) => `${assignment.name} = ${assignment.source}`).join(', ');
    const fileName = basename(job.scadFile);
    const own$fn = own.find((assignment) => assignment.name === '$fn')?.literal?.value;
    const suggestion = typeof own$fn === 'number' && own$fn > 0 ? own$fn : 64;
    warnings.push({
      message: `parts of ${fileName} render with the classic default $fn = 95, not the ${written} assigned here at top level`,
      location: { ...first.at },
      hint: `to keep it, set the quality: //render.quality ${suggestion} in ${fileName}, or quality: ${suggestion} in the config; --quality N sets it for one run`,
    });
  }
  return { jobs: explained, warnings };
}
