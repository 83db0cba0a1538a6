import { Option, type Command, type OptionValues } from '@commander-js/extra-typings';
import type { RenderOptions } from '../../run/render-options.js';
import { wholeNumberAtLeast } from './parse-option-values.js';

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
      'a parascad.config.yaml, render_config.yml or renderer.py (default: the one in the folder, if any)',
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

/**
 * The classic renderer's `--auto` and the `--quality` that overrides every part's `$fn`, for the
 * same commands (kept apart from {@link withProjectOptions} so that each inferred type stays small).
 */
export function withQualityOptions<Args extends unknown[], Opts extends OptionValues>(
  command: Command<Args, Opts>,
) {
  return command
    .option(
      '-a, --auto [value]',
      "the classic renderer's flag: --auto= (empty) reads render_config.yml, -a or any other value the //render.model.* markers",
    )
    .option(
      '--quality <n>',
      '$fn for every part, over //render.quality comments, configs and the default',
      wholeNumberAtLeast(1),
    );
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
