import { Option, type Command, type OptionValues } from '@commander-js/extra-typings';
import { isCI } from 'std-env';
import { ParascadError } from '../../errors.js';
import type { ReporterOptions } from '../../report/reporter.js';
import type { RenderOptions } from '../../run/render-options.js';
import { defined } from '../../util/defined.js';
import type { CliContext } from '../cli-context.js';
import { byteSize, positiveSeconds, wholeNumberAtLeast } from './parse-option-values.js';
import { partValuesOf, projectOptionsOf, type ProjectOptionValues } from './project-options.js';

/**
 * The options of a run that renders on this machine — workers, outputs, limits, the cache and
 * how the run is shown — declared once for `render` and `watch`.
 */
export function withRunOptions<Args extends unknown[], Opts extends OptionValues>(
  command: Command<Args, Opts>,
): Command<Args, Opts & RunOptionValues> {
  // Spelled out, as in withProjectOptions: inferring the long chain makes declaration emit slow.
  return command
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
    .option('--strict', 'fail parts with warnings or a mesh that is not closed (for CI)')
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
    .option(
      '--state-dir <dir>',
      "where to keep render times, the last run's record and the default cache when not in the project's .parascad/ (default: $PARASCAD_STATE_DIR)",
    )
    .option('-q, --quiet', 'print only failures, warnings and the summary')
    .option('-v, --verbose', "show each part's engine choice and everything OpenSCAD printed")
    .option(
      '--json',
      'print the run as JSON events, one per line, for other programs',
    ) as unknown as Command<Args, Opts & RunOptionValues>;
}

/** The values of the options {@link withRunOptions} declares (a type: commander's values need an index signature). */
export type RunOptionValues = {
  jobs?: number;
  outDir?: string;
  stl?: 'ascii' | 'binary';
  timeout?: number;
  retries: number;
  thumbnails?: true;
  strict?: true;
  maxMemory?: number;
  force?: true;
  cache: boolean;
  cacheDir?: string;
  stateDir?: string;
  quiet?: true;
  verbose?: true;
  json?: true;
};

/**
 * What `render` and `watch` pass the library alike: where, which project and parts, with which
 * OpenSCAD, the run options and the signals of Ctrl-C.
 */
export function renderOptionsOf(
  context: CliContext,
  targets: readonly string[],
  options: RunOptionValues & ProjectOptionValues,
): RenderOptions {
  return {
    cwd: context.cwd,
    env: context.env,
    ...projectOptionsOf(targets, options),
    ...partValuesOf(options),
    engine: options.engine,
    openscad: options.openscad,
    jobs: options.jobs,
    stl: options.stl,
    outDir: options.outDir,
    timeoutSeconds: options.timeout,
    retries: options.retries,
    ...(options.strict === true ? { strict: true } : {}),
    ...(options.thumbnails === true ? { thumbnails: true } : {}),
    maxMemoryBytes: options.maxMemory,
    cache: options.cache,
    force: options.force === true,
    cacheDir: options.cacheDir,
    stateDir: options.stateDir,
    stopSignal: context.stopSignal,
    signal: context.signal,
  };
}

/** How the run is shown, from the options and the terminal; `--quiet` and `--verbose` exclude each other. */
export function reporterOptionsOf(context: CliContext, options: RunOptionValues): ReporterOptions {
  if (options.quiet === true && options.verbose === true) {
    throw new ParascadError('USAGE', '--quiet and --verbose contradict each other');
  }
  return {
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
  };
}
