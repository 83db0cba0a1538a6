import { Option, type Command, type OptionValues } from '@commander-js/extra-typings';

/**
 * The options that say which project to work on and with which OpenSCAD, declared once for every
 * command that renders (`render`, `bench`), so that they cannot drift apart.
 */
export function withProjectOptions<Args extends unknown[], Opts extends OptionValues>(
  command: Command<Args, Opts>,
) {
  return command
    .argument(
      '[targets...]',
      'what to render: a project folder or config file, .scad files or globs of them, part names or globs of them (lid*)',
    )
    .option(
      '-f, --file <scad>',
      'the .scad file to scan for //render.model.* markers (default: project.scad)',
    )
    .option(
      '-c, --config <file>',
      'a parascad.config.yaml or render_config.yml (default: the one in the folder, if any)',
    )
    .addOption(
      new Option(
        '-e, --engine <engine>',
        "OpenSCAD to render with, for every part (default: each part's engine setting, else auto)",
      ).choices(['auto', 'native', 'wasm'] as const),
    )
    .option(
      '--openscad <path>',
      'the native openscad binary (default: $OPENSCAD, openscad_path, PATH)',
    );
}

/** The positional targets plus `--file`, which is one more of them. */
export function targetsOf(targets: readonly string[], file: string | undefined): string[] {
  return file === undefined ? [...targets] : [...targets, file];
}
