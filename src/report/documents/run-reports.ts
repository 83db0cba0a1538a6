import { parascadVersion } from '../../util/parascad-version.js';
import type { RunEvent } from '../../run/run-event.js';
import { inGithubActions } from '../github/in-github-actions.js';
import { buildRunReport } from './build-run-report.js';
import { collectRun } from './collect-run.js';
import type { ReportRequest } from './parse-report-request.js';
import type { ReportContext } from './report-writer.js';
import type { ReportOptions, RunReport } from './run-report.js';
import { writeReports } from './write-reports.js';

/** What a run's reports need from the command that runs it. */
export interface RunReportsOptions extends ReportContext {
  readonly requests: readonly ReportRequest[];
  readonly options: ReportOptions;
  /**
   * Where GitHub Actions' workflow commands (annotations) go under `GITHUB_ACTIONS=true`: stdout,
   * or stderr when stdout is for `--json` (the runner reads commands from both).
   */
  readonly workflowCommands: (text: string) => void;
  /**
   * The clock.
   * @default () => new Date()
   */
  readonly now?: () => Date;
}

/** A run's reports, fed with its events and written when it ends. */
export interface RunReports {
  onEvent(event: RunEvent): void;
  /**
   * Builds the run report and writes every report asked for, however the run ended (its parts
   * failed, it was interrupted, it could not start: `error`). Answers the report, and one message
   * per report that could not be written.
   */
  finish(end: {
    readonly error?: unknown;
    readonly interrupted: boolean;
  }): Promise<{ readonly report: RunReport; readonly failures: readonly string[] }>;
}

/** Starts collecting a run for its reports; call it just before the run starts. */
export function startRunReports(options: RunReportsOptions): RunReports {
  const collector = collectRun({
    version: parascadVersion,
    cwd: options.cwd,
    options: options.options,
    ...(options.now === undefined ? {} : { now: options.now }),
  });
  return {
    onEvent: (event) => {
      collector.onEvent(event);
    },
    async finish(end) {
      const report = await buildRunReport(collector.finish(end));
      const failures = await writeReports(report, options.requests, options);
      if (inGithubActions(options.env)) {
        const { reportToGithub } = await import('../github/report-to-github.js');
        await reportToGithub(report, { ...options, write: options.workflowCommands }).catch(
          (error: unknown) => {
            failures.push(
              `could not write the GitHub job summary: ${error instanceof Error ? error.message : String(error)}`,
            );
          },
        );
      }
      return { report, failures };
    },
  };
}
