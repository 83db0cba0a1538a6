import { Command } from '@commander-js/extra-typings';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { CliContext } from '../cli-context.js';
import { exitCodes } from '../exit-codes.js';

/**
 * `parascad init [folder]`: writes a starting `parascad.config.yaml` whose `$schema` line
 * resolves from where it is written, however parascad was installed (in the project, globally,
 * from a clone), so that editors complete and check the file at once.
 */
export function initCommand(context: CliContext) {
  return new Command('init')
    .description(
      'write a parascad.config.yaml with a $schema line that resolves for this installation',
    )
    .argument('[folder]', 'the project folder', '.')
    .action(async (folder) => {
      const [{ findProjectConfig }, { schemaReference }, { ParascadError }, { makeFolder }] =
        await Promise.all([
          import('../../config/find-project-config.js'),
          import('../../config/schema-reference.js'),
          import('../../errors.js'),
          import('../../util/make-folder.js'),
        ]);
      const dir = resolve(context.cwd, folder);
      const existing = await findProjectConfig(dir);
      if (existing !== undefined) {
        throw new ParascadError(
          'CONFIG_EXISTS',
          `${existing} exists already`,
          schemaHint(existing, schemaReference(dir)),
        );
      }
      const file = join(dir, 'parascad.config.yaml');
      try {
        // A new project's folder is made, as `git init FOLDER` makes it.
        await makeFolder(dir);
        await writeFile(file, starterConfig(schemaReference(dir)), { flag: 'wx' });
      } catch (error) {
        const { code, message } = error as NodeJS.ErrnoException;
        throw new ParascadError(
          'USAGE',
          `cannot write ${file} (${code ?? message})`,
          'Check that the folder can be written, or give another: parascad init FOLDER',
        );
      }
      context.stdout(`wrote ${file}\n`);
      context.setExitCode(exitCodes.ok);
    });
}

/** How the existing config names its schema for editors: a JSON key in JSON, which has no comments. */
function schemaHint(config: string, schema: string): string {
  return /\.json$/i.test(config)
    ? `Edit it, or add this key to its top-level object for editor completion: "$schema": ${JSON.stringify(schema)}`
    : `Edit it, or add this line at its top for editor completion: # yaml-language-server: $schema=${schema}`;
}

function starterConfig(schema: string): string {
  return `# yaml-language-server: $schema=${schema}
# parascad's project config (see the README's "Projects" section).
outDir: outputs
files:
  # Each file's //render.model.* modules; a file without markers is rendered whole.
  - path: '*.scad'
`;
}
