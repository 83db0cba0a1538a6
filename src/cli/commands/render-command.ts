import { Command, Option } from '@commander-js/extra-typings';
import { isCI } from 'std-env';
import { ParascadError } from '../../errors.js';
import { parseQueueUrl } from '../../fleet/parse-queue-url.js';
import { inGithubActions } from '../../report/github/in-github-actions.js';
import {
  parseReportRequest,
  type ReportRequest,
} from '../../report/documents/parse-report-request.js';
import { defined } from '../../util/defined.js';
import type { CliContext } from '../cli-context.js';
import { exitCodes } from '../exit-codes.js';
import { byteSize, positiveSeconds, wholeNumberAtLeast } from '../options/parse-option-values.js';
import { partValuesOf, projectOptionsOf, withProjectOptions } from '../options/project-options.js';

export type { CliContext } from '../cli-context.js';

/** `parascad render [targets...]`: renders every part of a project. */
export function renderCommand(context: CliContext) {
  return withProjectOptions(
    new Command('render').description('render every marked module of a project, in parallel'),
  )
    .option(
      '-j, --jobs <n>',
      "parts rendered at once (default: the file's thread count, else the CPUs)",
      wholeNumberAtLeast(1),
    )
    .option('-o, --out-dir <dir>', 'output folder (default: outputs/ beside the project file)')
    .addOption(
      new Option(
        '--stl <encoding>',
        "how STL files are written, for every part: ascii (OpenSCAD's default) or binary (about 5x smaller)",
      ).choices(['ascii', 'binary'] as const),
    )
    .option('-t, --timeout <seconds>', 'stop a part that renders longer than this', positiveSeconds)
    .option(
      '--retries <n>',
      'try a part that crashed or timed out this many more times (never model errors)',
      wholeNumberAtLeast(0),
      0,
    )
    .option(
      '--thumbnails',
      'also write a PNG picture beside each 3D or 2D output (lid.stl.png), drawn without a display',
    )
    .option('--fail-fast', 'stop everything at the first failed part')
    .option('--strict', 'fail parts with warnings or a mesh that is not closed (for CI)')
    .option('--keep-going', 'render every part and report all failures (the default)')
    .option(
      '--max-memory <size>',
      'memory the running parts may take together, e.g. 8G (default: 3/4 of the free memory)',
      byteSize,
    )
    .option('--force', 'render every part even when cached, and refresh the cache')
    .option('--no-cache', 'neither use nor fill the cache')
    .option(
      '--cache-dir <dir>',
      'the cache folder, e.g. one shared by several projects (default: $PARASCAD_CACHE_DIR, the config, .parascad/cache)',
    )
    .option('-q, --quiet', 'print only failures, warnings and the summary')
    .option('-v, --verbose', "show each part's engine choice and everything OpenSCAD printed")
    .option('--json', 'print the run as JSON events, one per line, for other programs')
    .option(
      '--queue <url>',
      'render on the parascad workers of a Redis queue, e.g. redis://host:6379',
      parseQueueUrl,
    )
    .option('--local-fallback', 'with --queue: render here when no worker serves the parts')
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
      if (options.quiet === true && options.verbose === true) {
        throw new ParascadError('USAGE', '--quiet and --verbose contradict each other');
      }
      const reporter = createReporter({
        mode: options.json === true ? 'json' : 'auto',
        quiet: options.quiet === true,
        verbose: options.verbose === true,
        color: context.color,
        cwd: context.cwd,
        stdout: context.stdout,
        stderr: context.stderr,
        isTTY: context.isTTY,
        isCI,
        retries: options.retries,
        ...defined({ columns: context.columns }),
      });
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
              options: {
                strict: options.strict === true,
                failFast: options.failFast === true,
                retries: options.retries,
                cache: options.cache ? (options.force === true ? 'force' : 'on') : 'off',
                targets: args,
                ...defined({
                  engine: options.engine,
                  timeoutSeconds: options.timeout,
                  jobs: options.jobs,
                  stl: options.stl,
                  queue: options.queue,
                }),
              },
            });
      let summary;
      let failure: unknown;
      try {
        summary = await render({
          cwd: context.cwd,
          env: context.env,
          ...projectOptionsOf(args, options),
          ...partValuesOf(options),
          jobs: options.jobs,
          engine: options.engine,
          stl: options.stl,
          openscad: options.openscad,
          outDir: options.outDir,
          timeoutSeconds: options.timeout,
          retries: options.retries,
          failFast: options.failFast === true,
          ...(options.strict === true ? { strict: true } : {}),
          ...(options.thumbnails === true ? { thumbnails: true } : {}),
          maxMemoryBytes: options.maxMemory,
          cache: options.cache,
          force: options.force === true,
          cacheDir: options.cacheDir,
          queue: options.queue,
          localFallback: options.localFallback === true,
          stopSignal: context.stopSignal,
          signal: context.signal,
          onEvent: (event) => {
            reporter.onEvent(event);
            reports?.onEvent(event);
          },
        });
      } catch (error) {
        failure = error;
        throw error;
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
