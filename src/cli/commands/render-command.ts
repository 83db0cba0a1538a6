import { Command, InvalidArgumentError, Option } from '@commander-js/extra-typings';
import pc from 'picocolors';
import { ParascadError } from '../../errors.js';
import { createConsoleReporter } from '../../report/console-reporter.js';
import { render } from '../../run/render.js';
import { exitCodes } from '../exit-codes.js';

export interface CliContext {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly color: boolean;
  /** Aborted on the first Ctrl-C or SIGTERM. */
  readonly signal: AbortSignal;
  /** Where the command leaves its exit code. */
  setExitCode(code: number): void;
}

/** `parascad render [target]`: renders every part of a project. */
export function renderCommand(context: CliContext) {
  return new Command('render')
    .description('render every marked module of a project, in parallel')
    .argument('[target]', 'a .scad file, a render_config.yml, or a folder holding one')
    .option(
      '-f, --file <scad>',
      'the .scad file to scan for //render.model.* markers (default: project.scad)',
    )
    .option(
      '-c, --config <file>',
      'a render_config.yml (default: render_config.yml in the folder, if present)',
    )
    .option(
      '-j, --jobs <n>',
      "parts rendered at once (default: the file's thread count, else the CPUs)",
      positiveInteger,
    )
    .addOption(
      new Option('-e, --engine <engine>', 'OpenSCAD to render with')
        .choices(['auto', 'native', 'wasm'] as const)
        .default('auto' as const),
    )
    .option(
      '--openscad <path>',
      'the native openscad binary (default: $OPENSCAD, openscad_path, PATH)',
    )
    .option('-o, --out-dir <dir>', 'output folder (default: outputs/ beside the project file)')
    .option('-t, --timeout <seconds>', 'stop a part that renders longer than this', positiveNumber)
    .option('-v, --verbose', "show each part's engine choice and everything OpenSCAD printed")
    .action(async (target, options) => {
      if (target !== undefined && options.file !== undefined) {
        throw new ParascadError(
          'USAGE',
          `Give the scad file once: as an argument (${target}) or with --file (${options.file})`,
        );
      }
      const reporter = createConsoleReporter({
        write: context.stdout,
        color: context.color,
        verbose: options.verbose === true,
        cwd: context.cwd,
      });
      const summary = await render({
        cwd: context.cwd,
        env: context.env,
        file: target ?? options.file,
        config: options.config,
        jobs: options.jobs,
        engine: options.engine,
        openscad: options.openscad,
        outDir: options.outDir,
        timeoutSeconds: options.timeout,
        signal: context.signal,
        onEvent: reporter,
      });
      if (context.signal.aborted) {
        context.stderr(
          pc
            .createColors(context.color)
            .yellow('interrupted: running parts were stopped, no partial output was kept\n'),
        );
        context.setExitCode(exitCodes.interrupted);
      } else {
        context.setExitCode(
          summary.failed + summary.cancelled === 0 ? exitCodes.ok : exitCodes.partsFailed,
        );
      }
    });
}

function positiveInteger(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1)
    throw new InvalidArgumentError('expected a whole number of at least 1');
  return value;
}

function positiveNumber(text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0)
    throw new InvalidArgumentError('expected a number of seconds above 0');
  return value;
}
