import type { ConfigProblem } from '../errors.js';
import { projectPath } from './describe-part.js';
import type { RenderJob } from './render-job.js';

/**
 * A warning at each part of a classic project whose output path differs from another part's
 * only in case (modules `Lid` and `lid`, each to `outputs/<module>.stl`). Linux writes both
 * files, as the classic renderer did, so the project is not refused as a config would be; on
 * a disk that does not tell case apart (macOS, Windows) they are one file, which the later part
 * overwrites. Under `--strict` each part fails with its warning.
 */
export function caseClashWarnings(jobs: readonly RenderJob[], projectDir: string): ConfigProblem[] {
  const byPath = new Map<string, { job: RenderJob; path: string }[]>();
  for (const job of jobs) {
    for (const { path } of job.outputs) {
      const key = path.toLowerCase();
      byPath.set(key, [...(byPath.get(key) ?? []), { job, path }]);
    }
  }
  const warnings: ConfigProblem[] = [];
  for (const same of byPath.values()) {
    const jobsOfPath = [...new Set(same.map(({ job }) => job))];
    if (jobsOfPath.length < 2) continue;
    // A classic project's parts are modules of one file: their names tell them apart.
    const written = same
      .map(({ job, path }) => `${projectPath(path, projectDir)} of ${job.name}`)
      .join(' and ');
    for (const job of jobsOfPath) {
      warnings.push({
        message: `${written} are one file on a disk that does not tell case apart (macOS, Windows): there one part overwrites the other`,
        location: job.requestedAt,
        hint: 'rename one of the modules so that their names differ in more than case',
        parts: [job.id],
      });
    }
  }
  return warnings;
}
