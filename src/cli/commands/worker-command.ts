import { rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, Option } from '@commander-js/extra-typings';
import pc from 'picocolors';
import { parseQueueUrl } from '../../fleet/parse-queue-url.js';
import type { CliContext } from '../cli-context.js';
import { exitCodes } from '../exit-codes.js';
import { byteSize, positiveSeconds, wholeNumberAtLeast } from '../options/parse-option-values.js';

/**
 * `parascad worker --queue URL`: renders parts from a fleet's queue until stopped. The first
 * Ctrl-C lets the running parts finish and deliver; the second, or SIGTERM, stops them and hands
 * them back to the queue for another worker.
 */
export function workerCommand(context: CliContext) {
  return new Command('worker')
    .description('render parts from a Redis queue for `parascad render --queue` on other machines')
    .requiredOption('--queue <url>', 'the Redis address, e.g. redis://host:6379', parseQueueUrl)
    .option('-j, --jobs <n>', 'parts rendered at once (default: the CPUs)', wholeNumberAtLeast(1))
    .addOption(
      new Option(
        '-e, --engine <engine>',
        'engines to serve: wasm, native, or auto = the embedded one and the native one if installed',
      )
        .choices(['auto', 'native', 'wasm'] as const)
        .default('auto' as const),
    )
    .option('--openscad <path>', 'the native openscad binary (default: $OPENSCAD, PATH)')
    .option('-t, --timeout <seconds>', 'stop a part that renders longer than this', positiveSeconds)
    .option(
      '--max-memory <size>',
      'memory one render may take, e.g. 8G (default: 3/4 of the free memory)',
      byteSize,
    )
    .option('--scratch <dir>', 'where parts are rendered (default: a folder in the temp folder)')
    .option('--status', 'print the fleet (workers, engines, running parts, queue depth) and exit')
    .action(async (options) => {
      // Loaded only when the command runs, so that `--help` and the other commands start fast.
      const [
        { describeQueueUrl },
        { readFleetStatus },
        { startFleetWorker },
        { startWorkerEngines },
        { describeFailure },
        { formatFleetStatus },
        { formatAdvertisedEngine },
        { formatDuration },
        { defaultMemoryBudget },
        { parascadVersion },
      ] = await Promise.all([
        import('../../fleet/parse-queue-url.js'),
        import('../../fleet/read-fleet-status.js'),
        import('../../fleet/start-fleet-worker.js'),
        import('../../fleet/start-worker-engines.js'),
        import('../../report/describe-failure.js'),
        import('../../report/format-fleet-status.js'),
        import('../../fleet/worker-advert.js'),
        import('../../report/format-duration.js'),
        import('../../schedule/memory-budget.js'),
        import('../../util/parascad-version.js'),
      ]);
      const colors = pc.createColors(context.color);
      if (options.status === true) {
        context.stdout(
          formatFleetStatus(await readFleetStatus(options.queue), { color: context.color }),
        );
        context.setExitCode(exitCodes.ok);
        return;
      }
      const jobs = options.jobs ?? availableParallelism();
      const started = await startWorkerEngines({
        engine: options.engine,
        jobs,
        openscad: options.openscad,
        env: context.env,
      });
      for (const problem of started.warnings) {
        context.stderr(`${colors.yellow('warning:')} ${problem.message}\n`);
      }
      const scratchDir = options.scratch ?? join(tmpdir(), `parascad-worker-${process.pid}`);
      let worker;
      try {
        worker = await startFleetWorker({
          url: options.queue,
          jobs,
          engines: started.engines,
          libraryPaths: started.libraryPaths,
          memoryLimitBytes: options.maxMemory ?? defaultMemoryBudget(),
          timeoutSeconds: options.timeout,
          scratchDir,
          fonts: started.fonts,
          parascadVersion,
          onPart: (event) => {
            const run = colors.dim(`(run ${event.runId})`);
            switch (event.type) {
              case 'start':
                context.stdout(`${colors.cyan('▶')} ${event.name} ${event.engine} ${run}\n`);
                return;
              case 'done': {
                const { result } = event;
                const mark = result.status === 'ok' ? colors.green('✓') : colors.red('✗');
                const why =
                  result.failure === undefined ? '' : `  ${describeFailure(result.failure)}`;
                context.stdout(
                  `${mark} ${event.name} ${formatDuration(result.seconds)} ${run}${why}\n`,
                );
                return;
              }
              case 'handed-back':
                context.stdout(`${colors.yellow('↩')} ${event.name} handed back ${run}\n`);
                return;
            }
          },
        });
      } catch (error) {
        await Promise.all(started.engines.map((engine) => engine.close()));
        throw error;
      }
      context.stdout(
        `parascad worker ${worker.advert.host}:${worker.advert.pid} on ${describeQueueUrl(options.queue)}: ` +
          `${worker.advert.engines.map(formatAdvertisedEngine).join(', ')}, ${jobs} at once\n`,
      );
      await new Promise<void>((resolve) => {
        if (context.stopSignal.aborted) resolve();
        else {
          context.stopSignal.addEventListener(
            'abort',
            () => {
              resolve();
            },
            { once: true },
          );
        }
      });
      const now = context.signal.aborted;
      context.stdout(
        now
          ? 'stopping: handing running parts back to the queue\n'
          : 'stopping: running parts finish first (Ctrl-C again to hand them back)\n',
      );
      const stopped = worker.stop(now ? 'now' : 'finish');
      context.signal.addEventListener(
        'abort',
        () => {
          void worker.stop('now');
        },
        { once: true },
      );
      await stopped;
      await Promise.all(started.engines.map((engine) => engine.close()));
      // The folder of its own (not one given with --scratch) goes with it.
      if (options.scratch === undefined) await rm(scratchDir, { recursive: true, force: true });
      context.setExitCode(exitCodes.ok);
    });
}
