import { Option, type Command, type OptionValues } from '@commander-js/extra-typings';
import type { RenderOptions } from '../../run/render-options.js';
import { repeated, wholeNumberAtLeast } from './parse-option-values.js';

/**
 * The options that say which project to work on and with which OpenSCAD, declared once for every
 * command that renders (`render`, `bench`), so that they cannot drift apart.
 */
export function withProjectOptions<Args extends unknown[], Opts extends OptionValues>(
  command: Command<Args, Opts>,
): Command<[...Args, string[]], Opts & ProjectOptionValues> {
  // Spelled out: the inferred chain of ten options made declaration emit take minutes.
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
      'a parascad.config.yaml, render_config.yml or renderer.py (default: the one in the folder, if any)',
    )

    .addOption(
      new Option(
        '-e, --engine <engine>',
        "OpenSCAD to render with, for every part (default: each part's engine setting, else auto)",
      ).choices(['auto', 'native', 'wasm', 'hybrid'] as const),
    )
    .option(
      '--openscad <path>',
      'the native openscad binary (default: $OPENSCAD, openscad_path, PATH)',
    )
    .option(
      '-D, --define <name=value>',
      "set a variable for every part, as openscad -D: one OpenSCAD expression (size=30, 'label=\"big\"', 'v=[1, 2]'); wins over params, sets and matrix (repeatable)",
      // Checked when the run is planned, by the library's own check: its modules stay unloaded
      // for --help and --version.
      repeated,
    )
    .option(
      '-p, --paramsets <json>',
      'a customizer parameter set file for the parts of the .scad targets (every part when none is given); every set renders unless -P picks (default with -P: NAME.json beside NAME.scad)',
    )
    .option(
      '-P, --paramset <name>',
      'render this parameter set of the -p file (or of NAME.json beside NAME.scad) (repeatable)',
      repeated,
    )
    .option(
      '-a, --auto [value]',
      "the classic renderer's flag: --auto= (empty) reads render_config.yml, -a or any other value the //render.model.* markers",
    )
    .option(
      '--quality <n>',
      '$fn for every part, over //render.quality comments, configs and the default',
      wholeNumberAtLeast(1),
    ) as unknown as Command<[...Args, string[]], Opts & ProjectOptionValues>;
}

/** The values of the options {@link withProjectOptions} declares. */
export interface ProjectOptionValues {
  file?: string;
  config?: string;
  engine?: 'auto' | 'native' | 'wasm' | 'hybrid';
  openscad?: string;
  define?: string[];
  paramsets?: string;
  paramset?: string[];
  auto?: string | boolean;
  quality?: number;
}

/** The part-value options of {@link withProjectOptions}, as render options. */
export function partValuesOf(
  options: Pick<ProjectOptionValues, 'define' | 'paramsets' | 'paramset'>,
): { defines?: string[]; paramSetFile?: string; paramSets?: string[] } {
  return {
    ...(options.define === undefined ? {} : { defines: options.define }),
    ...(options.paramsets === undefined ? {} : { paramSetFile: options.paramsets }),
    ...(options.paramset === undefined ? {} : { paramSets: options.paramset }),
  };
}

/** The project options as the library takes them. */
export function projectOptionsOf(
  targets: readonly string[],
  options: {
    readonly file?: string | undefined;
    readonly config?: string | undefined;
    readonly auto?: string | boolean | undefined;
    readonly quality?: number | undefined;
  },
): Pick<RenderOptions, 'targets' | 'config' | 'from' | 'quality'> {
  return {
    targets: targetsOf(targets, options.file),
    config: options.config,
    from:
      options.auto === undefined ? undefined : options.auto === '' ? 'render_config' : 'markers',
    quality: options.quality,
  };
}

/** The positional targets plus `--file`, which is one more of them. */
export function targetsOf(targets: readonly string[], file: string | undefined): string[] {
  return file === undefined ? [...targets] : [...targets, file];
}
