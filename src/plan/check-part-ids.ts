import type { ConfigProblem } from '../errors.js';
import { describePart } from './describe-part.js';
import type { RenderJob } from './render-job.js';

/**
 * A problem for each part asked for twice with the same settings (same file, module, mode,
 * variables, quality and backend, hence the same id) but different outputs: runs, recorded
 * times and progress are kept per id, so one computation must be one part with all its formats.
 *
 * Two variants of different names that only `-D` (`defines`, the names it sets) made the same
 * — it overrode the matrix or set variable that told them apart — are said to be so.
 */
export function checkPartIds(
  jobs: readonly RenderJob[],
  projectDir: string,
  defines: readonly string[] = [],
): ConfigProblem[] {
  const first = new Map<string, RenderJob>();
  const problems: ConfigProblem[] = [];
  for (const job of jobs) {
    const earlier = first.get(job.id);
    if (earlier === undefined) {
      first.set(job.id, job);
      continue;
    }
    const line = earlier.requestedAt.line;
    const overriding = defines.filter((name) => name in job.variables);
    if (earlier.name !== job.name && overriding.length > 0) {
      const flags = overriding.map((name) => `-D ${name}`).join(', ');
      problems.push({
        message: `${describePart(job, projectDir)} is the same part as ${earlier.name} once ${flags} sets their values`,
        location: job.requestedAt,
        hint: `${flags} overrides the value that tells these variants apart (a matrix or parameter set variable): leave it out, or change the value in the config`,
      });
      continue;
    }
    problems.push({
      message: `${describePart(job, projectDir)} is asked for again with the same settings as on line ${line}`,
      location: job.requestedAt,
      hint: 'ask for it once, with all of its formats',
    });
  }
  return problems;
}
