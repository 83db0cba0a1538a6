import type { ConfigProblem } from '../errors.js';
import { describePart } from './describe-part.js';
import type { RenderJob } from './render-job.js';

/**
 * A problem for each part asked for twice with the same settings (same file, module, mode,
 * variables, quality and backend, hence the same id) but different outputs: runs, recorded
 * times and progress are kept per id, so one computation must be one part with all its formats.
 */
export function checkPartIds(jobs: readonly RenderJob[], projectDir: string): ConfigProblem[] {
  const first = new Map<string, RenderJob>();
  const problems: ConfigProblem[] = [];
  for (const job of jobs) {
    const earlier = first.get(job.id);
    if (earlier === undefined) {
      first.set(job.id, job);
      continue;
    }
    const line = earlier.requestedAt.line;
    problems.push({
      message: `${describePart(job, projectDir)} is asked for again with the same settings as on line ${line}`,
      location: job.requestedAt,
      hint: 'ask for it once, with all of its formats',
    });
  }
  return problems;
}
