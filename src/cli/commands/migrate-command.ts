import { Command } from '@commander-js/extra-typings';
import { relative } from 'node:path';
import pc from 'picocolors';
import type { CliContext } from '../cli-context.js';
import { exitCodes } from '../exit-codes.js';

/** `parascad migrate [file]`: writes the parascad.config.yaml equivalent to a classic project. */
export function migrateCommand(context: CliContext) {
  return new Command('migrate')
    .description(
      'write the parascad.config.yaml equivalent to the classic project here (render_config.yml, renderer.py or the markers)',
    )
    .argument('[file]', 'the render_config.yml, renderer.py or marked .scad file to migrate')
    .option('--force', 'replace an existing project config (a parascad.config.json stays JSON)')
    .action(async (file, options) => {
      // Loaded only when the command runs, so that `--help` and the other commands start fast.
      const [{ formatConfigWarning }, { migrateProject }] = await Promise.all([
        import('../../report/format-config-error.js'),
        import('../../run/migrate-project.js'),
      ]);
      const migrated = await migrateProject({
        cwd: context.cwd,
        ...(file === undefined ? {} : { file }),
        force: options.force === true,
      });
      const colors = pc.createColors(context.color);
      for (const problem of migrated.warnings) {
        context.stderr(
          `${formatConfigWarning(problem, { cwd: context.cwd, color: context.color })}\n`,
        );
      }
      context.stdout(migrated.text);
      context.stdout(
        colors.dim(
          `\nwrote ${relative(context.cwd, migrated.file) || migrated.file} from ${relative(context.cwd, migrated.from) || migrated.from}; parascad now reads it first (check with parascad list)\n`,
        ),
      );
      context.setExitCode(exitCodes.ok);
    });
}
