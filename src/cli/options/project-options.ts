import { Option, type Command, type OptionValues } from '@commander-js/extra-typings';
import { ParascadError } from '../../errors.js';

/**
 * The options that say which project to work on and with which OpenSCAD, declared once for every
 * command that renders (`render`, `bench`), so that they cannot drift apart.
 */
export function withProjectOptions<Args extends unknown[], Opts extends OptionValues>(
  command: Command<Args, Opts>,
) {
  return command
    .argument('[target]', 'a .scad file, a render_config.yml, or a folder holding one')
    .option(
      '-f, --file <scad>',
      'the .scad file to scan for //render.model.* markers (default: project.scad)',
    )
    .option(
      '-c, --config <file>',
      'a render_config.yml (default: render_config.yml in the folder, if present)',
    )
    .addOption(
      new Option('-e, --engine <engine>', 'OpenSCAD to render with')
        .choices(['auto', 'native', 'wasm'] as const)
        .default('auto' as const),
    )
    .option(
      '--openscad <path>',
      'the native openscad binary (default: $OPENSCAD, openscad_path, PATH)',
    );
}

/** The scad file, from the argument or `--file`, which must not both be given. */
export function targetOf(target: string | undefined, file: string | undefined): string | undefined {
  if (target !== undefined && file !== undefined) {
    throw new ParascadError(
      'USAGE',
      `Give the scad file once: as an argument (${target}) or with --file (${file})`,
    );
  }
  return target ?? file;
}
