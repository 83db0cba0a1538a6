import type { ReportOptions } from '../../report/documents/run-report.js';
import { defined } from '../../util/defined.js';
import type { ProjectOptionValues } from './project-options.js';
import { targetsOf } from './project-options.js';
import type { RunOptionValues } from './run-options.js';

/**
 * The options of a `render` that a report records: those that decide which parts render, with
 * which values, where their outputs go and how they are judged — so that a report says how to
 * render the same outputs again. How the run is shown (`--quiet`, `--json`) is left out.
 */
export function reportOptionsOf(
  targets: readonly string[],
  options: RunOptionValues &
    ProjectOptionValues & {
      readonly failFast?: true;
      readonly queue?: string;
      readonly baseline?: string;
    },
): ReportOptions {
  return {
    strict: options.strict === true,
    failFast: options.failFast === true,
    retries: options.retries,
    cache: options.cache ? (options.force === true ? 'force' : 'on') : 'off',
    thumbnails: options.thumbnails === true,
    targets: targetsOf(targets, options.file),
    ...defined({
      engine: options.engine,
      openscad: options.openscad,
      config: options.config,
      from:
        options.auto === undefined ? undefined : options.auto === '' ? 'render_config' : 'markers',
      quality: options.quality,
      defines: options.define,
      paramSetFile: options.paramsets,
      paramSets: options.paramset,
      outDir: options.outDir,
      timeoutSeconds: options.timeout,
      maxMemoryBytes: options.maxMemory,
      jobs: options.jobs,
      stl: options.stl,
      queue: options.queue,
      baseline: options.baseline,
    }),
  };
}
