import { Command } from '@commander-js/extra-typings';
import { ParascadError } from '../../errors.js';
import { parseQueueUrl } from '../../fleet/parse-queue-url.js';
import { inGithubActions } from '../../report/github/in-github-actions.js';
import {
  parseReportRequest,
  type ReportRequest,
} from '../../report/documents/parse-report-request.js';
import type { CliContext } from '../cli-context.js';
import { exitCodes } from '../exit-codes.js';
import { withProjectOptions } from '../options/project-options.js';
import { reportOptionsOf } from '../options/report-options-of.js';
import { renderOptionsOf, reporterOptionsOf, withRunOptions } from '../options/run-options.js';
import { runErrorEvent } from '../../run/run-error-event.js';

export type { CliContext } from '../cli-context.js';

/** `parascad render [targets...]`: renders every part of a project. */
export function renderCommand(context: CliContext) {
  return withProjectOptions(
    withRunOptions(
      new Command('render').description('render every marked module of a project, in parallel'),
    ),
  )
    .option('--fail-fast', 'stop everything at the first failed part')
    .option('--keep-going', 'render every part and report all failures (the default)')
    .option(
      '--queue <url>',
      'render on the parascad workers of a Redis queue, e.g. redis://host:6379',
      parseQueueUrl,
    )
    .option('--local-fallback', 'with --queue: render here when no worker serves the parts')
    .option(
      '--baseline <dir>',
      'say what changed against this folder of earlier outputs (default: against the previous run)',
    )
    .option(
      '--report <kind=path>',
      'also write a report of the run: json=FILE, junit=FILE, html=DIR (repeatable)',
      (text, previous: readonly ReportRequest[]) => [
        ...previous,
        parseReportRequest(text, context.cwd),
      ],
      [] as readonly ReportRequest[],
    )
    .action(async (args, options) => {
      // A run no cache can answer needs its engines: start compiling the WASM OpenSCAD and probing
      // the native one before loading the renderer, the largest part of the CLI, so that they
      // overlap its loading too (render() asks again; both are done once per process).
      if (options.queue === undefined && (!options.cache || options.force === true)) {
        void import('../../run/warm-up-engines.js').then(({ warmUpEngines }) => {
          warmUpEngines({
            engine: options.engine,
            openscad: options.openscad,
            env: context.env,
            cwd: context.cwd,
            stateDir: options.stateDir,
          });
        });
      }
      // Loaded only when the command runs, so that `--help` and the other commands start fast.
      const [{ createReporter }, { render }] = await Promise.all([
        import('../../report/create-reporter.js'),
        import('../../run/render.js'),
      ]);
      if (options.failFast === true && options.keepGoing === true) {
        throw new ParascadError('USAGE', '--fail-fast and --keep-going contradict each other');
      }
      if (options.localFallback === true && options.queue === undefined) {
        throw new ParascadError('USAGE', '--local-fallback only applies with --queue');
      }
      const reporter = await createReporter(reporterOptionsOf(context, options));
      const reports =
        options.report.length === 0 && !inGithubActions(context.env)
          ? undefined
          : (await import('../../report/documents/run-reports.js')).startRunReports({
              requests: options.report,
              cwd: context.cwd,
              env: context.env,
              workflowCommands: options.json === true ? context.stderr : context.stdout,
              warn: (message) => {
                context.stderr(`warning: ${message}\n`);
              },
              options: reportOptionsOf(args, options),
            });
      let summary;
      let failure: unknown;
      try {
        summary = await render({
          ...renderOptionsOf(context, args, options),
          failFast: options.failFast === true,
          queue: options.queue,
          localFallback: options.localFallback === true,
          baseline: options.baseline,
          onEvent: (event) => {
            reporter.onEvent(event);
            reports?.onEvent(event);
          },
        });
      } catch (error) {
        failure = error;
        // A stop while planning or starting engines: nothing ran, nothing to summarise.
        if (!(error instanceof ParascadError && error.code === 'CANCELLED')) throw error;
        reporter.onEvent(runErrorEvent(error));
        if (options.json !== true) context.stderr(`${error.message}\n`);
        context.setExitCode(exitCodes.interrupted);
        return;
      } finally {
        reporter.close();
        // Reports are written however the run ended: failed parts, Ctrl-C, a setup error.
        const written = await reports?.finish({
          error: failure,
          interrupted: context.stopSignal.aborted || context.signal.aborted,
        });
        for (const message of written?.failures ?? []) context.stderr(`error: ${message}\n`);
        if (written !== undefined && written.failures.length > 0) {
          context.setExitCode(exitCodes.partsFailed);
        }
      }
      if (context.stopSignal.aborted || context.signal.aborted) {
        context.setExitCode(exitCodes.interrupted);
      } else if (summary.failed + summary.cancelled > 0) {
        context.setExitCode(exitCodes.partsFailed);
      }
    });
}
