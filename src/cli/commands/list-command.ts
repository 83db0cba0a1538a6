import { Command } from '@commander-js/extra-typings';
import { resolve } from 'node:path';
import type { CliContext } from '../cli-context.js';
import { exitCodes } from '../exit-codes.js';
import { partValuesOf, projectOptionsOf, withProjectOptions } from '../options/project-options.js';

/** `parascad list [targets...]`: the parts a render would make, without rendering anything. */
export function listCommand(context: CliContext) {
  return withProjectOptions(
    new Command('list').description(
      'print the parts a render would make (name, file, module, parameters, formats, outputs) without rendering',
    ),
  )
    .option('-o, --out-dir <dir>', 'output folder the paths are shown in (as for render)')
    .option('--json', 'print the parts as JSON, for other programs')
    .action(async (args, options) => {
      // Loaded only when the command runs, so that `--help` and the other commands start fast.
      const [
        { partToJson },
        { formatConfigWarning },
        { formatPartList },
        { formatSourceLine },
        { planRun },
      ] = await Promise.all([
        import('../../report/part-to-json.js'),
        import('../../report/format-config-error.js'),
        import('../../report/format-part-list.js'),
        import('../../report/format-source-line.js'),
        import('../../run/plan-run.js'),
      ]);
      const plan = await planRun(
        {
          ...projectOptionsOf(args, options),
          outDir: options.outDir,
          ...partValuesOf(options),
        },
        resolve(context.cwd),
      );
      if (options.json === true) {
        context.stdout(`${JSON.stringify(plan.jobs.map(partToJson), null, 2)}\n`);
      } else {
        if (plan.source !== undefined) {
          context.stdout(`${formatSourceLine(plan.source, plan.jobs)}\n\n`);
        }
        for (const problem of plan.warnings) {
          context.stderr(
            `${formatConfigWarning(problem, { cwd: context.cwd, color: context.color })}\n`,
          );
        }
        context.stdout(formatPartList(plan.jobs, { cwd: context.cwd, color: context.color }));
      }
      context.setExitCode(exitCodes.ok);
    });
}
