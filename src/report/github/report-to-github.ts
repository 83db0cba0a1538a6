import { appendFile } from 'node:fs/promises';
import type { RunReport } from '../documents/run-report.js';
import { githubAnnotations } from './github-annotations.js';
import { githubJobSummary } from './github-job-summary.js';

/**
 * Tells GitHub Actions about the run: annotations (`::error …`) written with `write`, and the job
 * summary appended to the file `GITHUB_STEP_SUMMARY` names (appended: other steps write there too).
 *
 * @throws when the summary file cannot be written.
 */
export async function reportToGithub(
  report: RunReport,
  options: {
    readonly env: NodeJS.ProcessEnv;
    readonly cwd: string;
    readonly write: (text: string) => void;
  },
): Promise<void> {
  const workspace = options.env['GITHUB_WORKSPACE'] || options.cwd;
  for (const line of githubAnnotations(report, workspace)) options.write(`${line}\n`);
  const summaryFile = options.env['GITHUB_STEP_SUMMARY'];
  if (summaryFile !== undefined && summaryFile !== '') {
    await appendFile(summaryFile, githubJobSummary(report));
  }
}
