import type { SourceFiles } from '../discovery/source-files.js';
import { dirname, resolve } from 'node:path';
import type { ProjectConfig } from '../config/project-config.js';
import type { ConfigProblem } from '../errors.js';
import { defined } from '../util/defined.js';
import type { CommandLineValues, PartRequest } from './part-request.js';
import { planRequests } from './plan-requests.js';
import type { RenderJob } from './render-job.js';

export interface PlanProjectOptions {
  /**
   * The planning pass's sources, each read and lexed once.
   * @default a new one
   */
  readonly sources?: SourceFiles;
  /** Absolute folder part ids are relative to, so that they survive moving the project. */
  readonly projectDir: string;
  /**
   * Absolute output folder, from the command line; it overrides the config's `outDir`.
   * @default the config's `outDir`, else `outputs`, beside the config file
   */
  readonly outDir?: string;
  /**
   * The dimension a part had when it last rendered, by part id, when known: formats of the
   * other dimension are then reported before rendering rather than failing after it.
   */
  readonly dimensionOf?: (partId: string) => '2d' | '3d' | undefined;
  /** Receives ignored `//render…` comments and probably misspelt parameter names. */
  readonly onWarning?: (warning: ConfigProblem) => void;
  /** `-p`, `-P` and `-D` from the command line, for every part. */
  readonly commandLine?: CommandLineValues;
}

/**
 * The parts a project config asks for: each `files:` entry's paths and globs (relative to the
 * config file's folder, `.scad` files only, minus `exclude`) expanded, each file giving the
 * parts of `modules` (see `draftFileParts` for marked, whole and listed modules, and for the
 * built-in quality and mode), each listed module one part per customizer set and matrix
 * combination (see `moduleVariants`), named `module[-set][-<var><value>…]`, with one output per
 * format at its `output` template (`{name}.{format}` by default) under the output folder.
 *
 * Every problem is thrown together as one `ConfigError` before anything renders: patterns that
 * match nothing, undeclared modules, unknown or missing parameter sets and values of the wrong
 * type, formats of two dimensions in one part, templates leaving the output folder, and outputs
 * that two parts would write (compared without regard to case).
 */
export async function planProject(
  config: ProjectConfig,
  options: PlanProjectOptions,
): Promise<RenderJob[]> {
  const baseDir = dirname(config.file);
  const requests = config.files.map((entry): PartRequest => {
    const { modules } = entry;
    const variants = defined({
      params: entry.params,
      paramsets: entry.paramsets,
      matrix: entry.matrix,
    });
    const common = { path: entry.path, exclude: entry.exclude, settings: entry, variants };
    return 'value' in modules
      ? { ...common, modules: modules.value, modulesAt: modules.at }
      : { ...common, modules };
  });
  return planRequests(requests, {
    baseDir,
    defaults: config.defaults,
    projectDir: options.projectDir,
    outDir: options.outDir ?? resolve(baseDir, config.outDir?.value ?? 'outputs'),
    ...(options.dimensionOf === undefined ? {} : { dimensionOf: options.dimensionOf }),
    ...(options.onWarning === undefined ? {} : { onWarning: options.onWarning }),
    ...(options.commandLine === undefined ? {} : { commandLine: options.commandLine }),
    ...(options.sources === undefined ? {} : { sources: options.sources }),
  });
}
