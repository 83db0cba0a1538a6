import { readFileSync } from 'node:fs';
import { Command, CommanderError, type CommandUnknownOpts } from '@commander-js/extra-typings';
import pc from 'picocolors';
import { ConfigError, ParascadError } from '../errors.js';
import { runErrorEvent } from '../run/run-error-event.js';
import type { RunEvent } from '../run/run-event.js';
import type { CliContext } from './cli-context.js';
import { benchCommand } from './commands/bench-command.js';
import { cacheCommand } from './commands/cache-command.js';
import { initCommand } from './commands/init-command.js';
import { listCommand } from './commands/list-command.js';
import { migrateCommand } from './commands/migrate-command.js';
import { renderCommand } from './commands/render-command.js';
import { verifyEnginesCommand } from './commands/verify-engines-command.js';
import { fleetCommand } from './commands/fleet-command.js';
import { workerCommand } from './commands/worker-command.js';
import { watchCommand } from './commands/watch-command.js';
import { exitCodes } from './exit-codes.js';

const { version } = JSON.parse(
  readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
) as { version: string };

export type MainContext = Omit<CliContext, 'setExitCode'>;

/** Runs the command line and answers the exit code; never throws for user errors. */
export async function main(argv: readonly string[], context: MainContext): Promise<number> {
  let exitCode: number = exitCodes.ok;
  const program = new Command('parascad')
    .description('Render many OpenSCAD models at once, on every core.')
    .version(version)
    .showHelpAfterError('(run parascad --help for usage)')
    .configureOutput({
      writeOut: context.stdout,
      writeErr: context.stderr,
    })
    .exitOverride()
    .addCommand(renderCommand({ ...context, setExitCode: (code) => (exitCode = code) }), {
      isDefault: true,
    })
    .addCommand(watchCommand({ ...context, setExitCode: (code) => (exitCode = code) }))
    .addCommand(listCommand({ ...context, setExitCode: (code) => (exitCode = code) }))
    .addCommand(benchCommand({ ...context, setExitCode: (code) => (exitCode = code) }))
    .addCommand(migrateCommand({ ...context, setExitCode: (code) => (exitCode = code) }))
    .addCommand(verifyEnginesCommand({ ...context, setExitCode: (code) => (exitCode = code) }))
    .addCommand(cacheCommand({ ...context, setExitCode: (code) => (exitCode = code) }))
    .addCommand(initCommand({ ...context, setExitCode: (code) => (exitCode = code) }))
    .addCommand(workerCommand({ ...context, setExitCode: (code) => (exitCode = code) }))
    .addCommand(fleetCommand({ ...context, setExitCode: (code) => (exitCode = code) }));
  // Every level (`cache clean` too): a usage error is thrown, to end with exit code 2, not 1.
  const overrideExits = (commands: readonly CommandUnknownOpts[]): void => {
    for (const command of commands) {
      command
        .exitOverride()
        .configureOutput({ writeOut: context.stdout, writeErr: context.stderr });
      overrideExits(command.commands);
    }
  };
  overrideExits(program.commands);

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (wantsJson(argv)) writeErrorEvent(error, context);
    // Only a run's own error can come of a mistyped command (not --help's or --version's end).
    const meant =
      error instanceof ParascadError
        ? (await import('./mistyped-command.js')).mistypedCommand(
            argv,
            program.commands.map((command) => command.name()),
            error,
          )
        : undefined;
    if (meant !== undefined) {
      const colors = pc.createColors(context.color);
      context.stderr(`${colors.red('error:')} unknown command ${argv[0] ?? ''}\n`);
      context.stderr(
        `  ${colors.dim('hint:')} did you mean parascad ${meant}? (${argv[0] ?? ''} is not a part, a file or a glob either)\n`,
      );
      return exitCodes.usage;
    }
    return await reportError(error, context);
  }
}

/** Whether the command line asks for JSON on stdout (before any `--` that ends the options). */
function wantsJson(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).includes('--json');
}

/**
 * Under `--json`, a program reads stdout: a setup or usage error is a `run-error` event there too,
 * after a `warning` event for each warning found with it (the person at the terminal still gets
 * the text on stderr).
 */
function writeErrorEvent(error: unknown, context: MainContext): void {
  const setupError =
    error instanceof ParascadError
      ? error
      : error instanceof CommanderError && error.exitCode !== 0
        ? new ParascadError('USAGE', error.message.replace(/^error: /, ''))
        : undefined;
  if (setupError === undefined) return;
  // The warnings found with the errors come as the warning events a run would have sent.
  const warnings = setupError instanceof ConfigError ? setupError.warnings : [];
  for (const problem of warnings) {
    context.stdout(`${JSON.stringify({ type: 'warning', problem } satisfies RunEvent)}\n`);
  }
  context.stdout(`${JSON.stringify(runErrorEvent(setupError))}\n`);
}

async function reportError(error: unknown, context: MainContext): Promise<number> {
  const colors = pc.createColors(context.color);
  if (error instanceof CommanderError) {
    // Help and --version end through here too, with exit code 0.
    return error.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
  }
  if (error instanceof ConfigError) {
    const { formatConfigError } = await import('../report/format-config-error.js');
    context.stderr(`${formatConfigError(error, { cwd: context.cwd, color: context.color })}\n`);
    return exitCodes.usage;
  }
  if (error instanceof ParascadError) {
    context.stderr(`${colors.red('error:')} ${error.message}\n`);
    if (error.hint !== undefined) context.stderr(`  ${colors.dim('hint:')} ${error.hint}\n`);
    return exitCodes.usage;
  }
  context.stderr(
    `${colors.red('parascad failed unexpectedly (this is a bug in parascad, please report it):')}\n`,
  );
  context.stderr(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return exitCodes.partsFailed;
}
