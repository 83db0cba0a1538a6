import { stat, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename, dirname, isAbsolute, relative, resolve } from 'node:path';
import { Command, InvalidArgumentError } from '@commander-js/extra-typings';
import pc from 'picocolors';
import type {
  ScalingEvent,
  ScalingFailure,
  ScalingMeasurement,
} from '../../bench/measure-scaling.js';
import { parseWorkerCounts } from '../../bench/parse-worker-counts.js';
import type { ScalingRows } from '../../bench/scaling-rows.js';
import { ParascadError } from '../../errors.js';
import { commonFolder } from '../../util/common-folder.js';
import type { CliContext } from '../cli-context.js';
import { exitCodes } from '../exit-codes.js';
import { partValuesOf, projectOptionsOf, withProjectOptions } from '../options/project-options.js';
import { makeFolder } from '../../util/make-folder.js';

/** The chart's name unless `--chart` says otherwise, in the project's output folder. */
const defaultChart = 'parascad-bench.svg';

/**
 * `parascad bench [targets...]`: renders a project once per worker count, into a temporary folder,
 * and prints how the wall time scales (a Markdown table) and charts it (an SVG file).
 */
export function benchCommand(context: CliContext) {
  const cpus = availableParallelism();
  return withProjectOptions(
    new Command('bench').description(
      'time a full render with each worker count; print a table and chart the speed-up',
    ),
  )
    .option(
      '-j, --jobs <list>',
      `worker counts to measure, comma-separated, e.g. 1,2,4 (default: 1 to the number of CPUs, here ${range(cpus).join(',')})`,
      workerCounts,
    )
    .option(
      '--chart <file>',
      `where to write the SVG chart of speed-up and wall time vs workers (default: ${defaultChart} in the project's output folder)`,
    )
    .option(
      '--repeat <n>',
      'measure each worker count n times: the table and chart show the median and the spread (default 1)',
      repeatCount,
    )
    .option('--no-chart', 'write no chart')
    .option(
      '--warmup',
      'render once, untimed, before measuring: fills the render-time history and the file cache (default)',
    )
    .option('--no-warmup', 'measure from a cold start')
    .action(async (args, options) => {
      const project = projectOptionsOf(args, options);
      const targets = project.targets ?? [];
      const colors = pc.createColors(context.color);
      const say = (text = ''): void => {
        context.stdout(`${text}\n`);
      };
      const counts = options.jobs ?? range(cpus);
      const warmup = options.warmup !== false;
      const chart =
        options.chart === false
          ? undefined
          : options.chart === undefined
            ? await defaultChartPath(context.cwd, targets, options.config)
            : resolve(context.cwd, options.chart);
      if (chart !== undefined && options.chart !== undefined)
        await assertFolderExists(dirname(chart));

      say(
        `parascad bench: a full render with ${listOf(counts)} worker${counts.length === 1 && counts[0] === 1 ? '' : 's'}, timed once each`,
      );
      say(
        warmup
          ? colors.dim(
              'warm-up: one untimed render first, with the most workers, so that every part has a recorded time (parts then start longest first, as in a normal run) and the files are in the system cache; --no-warmup skips it',
            )
          : colors.dim('no warm-up: the first run also pays for a cold file cache'),
      );
      // Loaded only when the command runs, so that `--help` and the other commands start fast.
      const [
        { render },
        { measureScaling },
        { scalingRows },
        { formatScalingTable },
        { scalingChartSvg },
      ] = await Promise.all([
        import('../../run/render.js'),
        import('../../bench/measure-scaling.js'),
        import('../../bench/scaling-rows.js'),
        import('../../bench/format-scaling-table.js'),
        import('../../bench/scaling-chart-svg.js'),
      ]);
      const outcome = await measureScaling({
        render,
        project: {
          cwd: context.cwd,
          env: context.env,
          ...project,
          ...partValuesOf(options),
          engine: options.engine,
          openscad: options.openscad,
        },
        counts,
        warmup,
        repeat: options.repeat ?? 1,
        // The first Ctrl-C stops the running render at once: unlike `render`, letting its parts
        // finish would keep nothing, since a bench's outputs are thrown away.
        signal: AbortSignal.any([context.stopSignal, context.signal]),
        onEvent: progress(say, context.stdout, colors),
      });

      switch (outcome.status) {
        case 'interrupted':
          context.stdout('\n');
          context.stderr(
            colors.yellow(
              'interrupted: the running render was stopped and the temporary folder removed\n',
            ),
          );
          context.setExitCode(exitCodes.interrupted);
          return;
        case 'failed':
          context.stderr(
            `${colors.red('bench failed:')} ${describeFailedRun(outcome.run, outcome.failures)}\n`,
          );
          context.stderr(
            `  ${colors.dim('hint:')} \`parascad render\` on the project shows why; times of a run with failing parts are not comparable\n`,
          );
          context.setExitCode(exitCodes.partsFailed);
          return;
        case 'ok':
          break;
      }

      const scaling = scalingRows(outcome.measurements);
      const engines = engineText(outcome.measurements);
      say();
      say(`engine: ${engines}; ${plural(outcome.parts, 'part')}; ${cpus} CPUs`);
      say();
      say(formatScalingTable(scaling));
      say();
      for (const note of notesOn(scaling, outcome.measurements)) say(colors.dim(note));
      if (chart !== undefined) {
        const svg = scalingChartSvg(
          scaling.rows.map((row) => ({
            workers: row.workers,
            speedup: row.speedup,
            speedupMin: row.speedupMin,
            speedupMax: row.speedupMax,
            wallSeconds: row.wallSeconds,
            wallMinSeconds: row.wallMinSeconds,
            wallMaxSeconds: row.wallMaxSeconds,
            lowerBoundSeconds: row.lowerBoundSeconds,
          })),
          {
            baselineWorkers: scaling.baselineWorkers,
            subtitle: `${targets.join(' ') || (options.config ?? basename(context.cwd))} · ${engines} · ${plural(outcome.parts, 'part')} · ${cpus} CPUs`,
          },
        );
        try {
          // The project's output folder is made as a render would make it.
          await makeFolder(dirname(chart));
          await writeFile(chart, svg);
        } catch (error) {
          context.stderr(
            `${colors.red('error:')} could not write the chart to ${chart}: ${error instanceof Error ? error.message : String(error)}\n`,
          );
          context.setExitCode(exitCodes.partsFailed);
          return;
        }
        say(
          `chart: ${shownPath(context.cwd, chart)} (speed-up vs workers with the ideal line; wall time and lower bound vs workers)`,
        );
      }
      context.setExitCode(exitCodes.ok);
    });
}

/** Progress lines: where outputs go, then each run's time as it finishes. */
function progress(
  say: (text?: string) => void,
  write: (text: string) => void,
  colors: ReturnType<typeof pc.createColors>,
): (event: ScalingEvent) => void {
  return (event) => {
    switch (event.type) {
      case 'bench-start':
        say(
          colors.dim(
            `outputs go to a temporary folder, removed at the end: ${event.outputFolder} (the project's outputs/ is not touched)`,
          ),
        );
        say();
        break;
      case 'run-start':
        write(`  ${event.warmup ? 'warm-up, ' : ''}${plural(event.workers, 'worker')} … `);
        break;
      case 'run-done':
        say(
          event.failed > 0
            ? `${event.wallSeconds.toFixed(2)}s, ${colors.red(`${plural(event.failed, 'part')} did not render`)}`
            : `${event.wallSeconds.toFixed(2)}s${event.warmup ? colors.dim(' (not counted)') : ''}`,
        );
        break;
      case 'skipped':
        say(
          colors.dim(
            `  ${event.workers} workers: skipped, the project has ${plural(event.parts, 'part')} and never uses more workers than parts (that run is above)`,
          ),
        );
        break;
    }
  };
}

/** What the table's columns mean, and a warning when its rows are not like for like. */
function notesOn(scaling: ScalingRows, measurements: readonly ScalingMeasurement[]): string[] {
  const baseline = scaling.baselineWorkers;
  const runs = Math.max(...scaling.rows.map((row) => row.runs));
  const measuredBy =
    runs === 1
      ? 'ratios of single runs'
      : `ratios of each count's median run (of ${runs}; of an even number, the faster middle one)`;
  return [
    `speed-up: wall time with ${plural(baseline, 'worker')} ÷ wall time; efficiency: speed-up ÷ ${baseline === 1 ? 'workers' : `(workers ÷ ${baseline})`} (100% = every worker fully used); ${measuredBy}.`,
    "lower bound: no schedule of that run's parts could finish sooner: max(longest part, sum of part times ÷ workers); the rest of the wall time went to scheduling and fixed costs such as starting the workers.",
    ...(movedBetweenEngines(measurements)
      ? [
          'note: --engine auto moved parts between engines from one run to the next (their recorded times changed), so the rows do not compare like with like; pass --engine native or --engine wasm',
        ]
      : []),
  ];
}

function describeFailedRun(run: number | 'warm-up', failures: readonly ScalingFailure[]): string {
  const where = run === 'warm-up' ? 'the warm-up render' : `the ${run}-worker run`;
  const parts = failures.map(({ part, failure }) => {
    if (failure === undefined) return part;
    if ('message' in failure) return `${part} (${failure.message})`;
    if (failure.kind === 'openscad-error') return `${part} (${failure.diagnostic.message})`;
    return `${part} (${failure.kind})`;
  });
  return `in ${where}, ${plural(failures.length, 'part')} did not render: ${parts.join(', ')}`;
}

/** `wasm (OpenSCAD 2025.01, manifold)`, or both engines joined with `+` under `auto`. */
function engineText(measurements: readonly ScalingMeasurement[]): string {
  const seen = new Set<string>();
  for (const { engines } of measurements) {
    for (const engine of engines)
      seen.add(`${engine.id} (OpenSCAD ${engine.version}, ${engine.backend})`);
  }
  return seen.size === 0 ? 'none' : [...seen].join(' + ');
}

function movedBetweenEngines(measurements: readonly ScalingMeasurement[]): boolean {
  const first = measurements[0];
  if (first === undefined) return false;
  return measurements.some((measurement) =>
    Object.entries(measurement.partEngines).some(
      ([part, engine]) => first.partEngines[part] !== engine,
    ),
  );
}

async function assertFolderExists(folder: string): Promise<void> {
  const found = await stat(folder).catch(() => undefined);
  if (found?.isDirectory() !== true) {
    throw new ParascadError(
      'USAGE',
      `The chart's folder ${folder} does not exist`,
      'create it, or give --chart a file in an existing folder',
    );
  }
}

/**
 * In the project's output folder (where its renders go: the folder all its planned outputs
 * share), so that the chart lies with the project's other results, not wherever the command ran.
 */
async function defaultChartPath(
  cwd: string,
  targets: readonly string[],
  config: string | undefined,
): Promise<string> {
  const { planRun } = await import('../../run/plan-run.js');
  const plan = await planRun(
    { targets: [...targets], ...(config === undefined ? {} : { config }) },
    cwd,
  );
  const folder =
    commonFolder(plan.jobs.flatMap((job) => job.outputs.map((output) => output.path))) ??
    resolve(plan.projectDir, 'outputs');
  return resolve(folder, defaultChart);
}

function repeatCount(text: string): number {
  if (!/^\d+$/.test(text.trim()) || Number(text) < 1) {
    throw new InvalidArgumentError(`expected a whole number of at least 1, got "${text}"`);
  }
  return Number(text);
}

function workerCounts(text: string): readonly number[] {
  const parsed = parseWorkerCounts(text);
  if (!parsed.ok) throw new InvalidArgumentError(parsed.message);
  return parsed.counts;
}

/** Relative to the current folder when inside it, else absolute. */
function shownPath(cwd: string, path: string): string {
  const inside = relative(cwd, path);
  return inside === '' || inside.startsWith('..') || isAbsolute(inside) ? path : inside;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function range(last: number): number[] {
  return Array.from({ length: last }, (_, index) => index + 1);
}

function listOf(counts: readonly number[]): string {
  const last = counts.at(-1);
  return counts.length < 2 || last === undefined
    ? counts.join('')
    : `${counts.slice(0, -1).join(', ')} and ${last}`;
}
