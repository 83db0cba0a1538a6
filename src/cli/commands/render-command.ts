import { Command } from '@commander-js/extra-typings';
import { ParascadError } from '../../errors.js';
import { parseQueueUrl } from '../../fleet/parse-queue-url.js';
import type { CliContext } from '../cli-context.js';
import { exitCodes } from '../exit-codes.js';
import { withProjectOptions } from '../options/project-options.js';
import { renderOptionsOf, reporterOptionsOf, withRunOptions } from '../options/run-options.js';

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
    .action(async (args, options) => {
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
      const reporter = createReporter(reporterOptionsOf(context, options));
      let summary;
      try {
        summary = await render({
          ...renderOptionsOf(context, args, options),
          failFast: options.failFast === true,
          queue: options.queue,
          localFallback: options.localFallback === true,
          onEvent: (event) => {
            reporter.onEvent(event);
          },
        });
      } finally {
        reporter.close();
      }
      if (context.stopSignal.aborted || context.signal.aborted) {
        context.setExitCode(exitCodes.interrupted);
      } else {
        context.setExitCode(
          summary.failed + summary.cancelled === 0 ? exitCodes.ok : exitCodes.partsFailed,
        );
      }
    });
}
