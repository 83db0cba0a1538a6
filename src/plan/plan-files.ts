import { resolve } from 'node:path';
import type { PlanProjectOptions } from './plan-project.js';
import { planRequests } from './plan-requests.js';
import type { RenderJob } from './render-job.js';

export interface PlanFilesOptions extends Omit<PlanProjectOptions, 'outDir' | 'projectDir'> {
  /** Folder the paths and globs are relative to. */
  readonly cwd: string;
  /**
   * Absolute folder part ids are relative to.
   * @default cwd
   */
  readonly projectDir?: string;
  /**
   * Absolute output folder.
   * @default `outputs` in cwd
   */
  readonly outDir?: string;
  /**
   * Output path template, as a config's `output` (`{file}/{name}.{format}` when several files
   * have parts of the same name).
   * @default `{name}.{format}`
   */
  readonly output?: string;
}

/**
 * The parts of scad files named on the command line without a config
 * (`parascad render 'parts/**\/*.scad'`): each path or glob, relative to `cwd`, is planned
 * exactly like a config's `files:` entry with `modules: marked` and no settings — a file's
 * marked modules with their markers' formats, `$fn` from its `//render.quality` (the classic
 * default 95 if none),
 * in `include` mode when the file has the `batch_rendering` guard and `use` otherwise; a file
 * without markers rendered whole. Problems are thrown together as one `ConfigError`, without
 * locations for the paths themselves.
 */
export async function planFiles(
  paths: readonly string[],
  options: PlanFilesOptions,
): Promise<RenderJob[]> {
  const cwd = resolve(options.cwd);
  return planRequests(
    paths.map((path) => ({
      path: { value: path },
      exclude: [],
      modules: 'marked',
      settings: {},
    })),
    {
      baseDir: cwd,
      defaults: {},
      classicQuality: true,
      ...(options.output === undefined ? {} : { outputTemplate: options.output }),
      projectDir: options.projectDir ?? cwd,
      outDir: options.outDir ?? resolve(cwd, 'outputs'),
      ...(options.dimensionOf === undefined ? {} : { dimensionOf: options.dimensionOf }),
      ...(options.onWarning === undefined ? {} : { onWarning: options.onWarning }),
      ...(options.commandLine === undefined ? {} : { commandLine: options.commandLine }),
      ...(options.sources === undefined ? {} : { sources: options.sources }),
    },
  );
}
