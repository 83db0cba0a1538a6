import { basename, join } from 'node:path';
import type { ClassicProject } from '../discovery/classic-project.js';
import { ConfigError } from '../errors.js';
import { partId } from './part-id.js';
import type { QualitySource, RenderJob } from './render-job.js';

/** `$fn` when the project does not set `//render.quality` or `quality:`, as the classic tool did. */
export const defaultQuality = 95;

export interface PlanOptions {
  /** Absolute folder the outputs go to. */
  readonly outDir: string;
  /** Absolute folder part identities are relative to, so they survive moving the project. */
  readonly projectDir: string;
  /**
   * How the generated program brings in the file: `use` when including it would add its
   * unguarded top-level geometry to every part (see `findLeakingGeometry`).
   * @default 'include'
   */
  readonly mode?: RenderJob['mode'];
  /** Variables for every part (from `-D`), as OpenSCAD source. @default none */
  readonly variables?: RenderJob['variables'];
}

/**
 * Turns a project's models into parts: one per module, with all of its formats, in `include`
 * mode. Quality: for the first generation's `renderer.py` none (the gateway's own `$fn`
 * decides, as it did); otherwise `$fn` = the config's `quality`, else the `//render.quality`
 * comment, else 95, as the classic renderer did.
 */
export function planJobs(project: ClassicProject, options: PlanOptions): RenderJob[] {
  const fileName = basename(project.scadFile);
  // The wrapper names the user's file in `include <…>`, which has no escape for these characters.
  if (/[<>\n\r]/.test(fileName)) {
    throw new ConfigError([
      {
        message: `The file name ${JSON.stringify(fileName)} cannot be written in an OpenSCAD include statement`,
        hint: 'Rename the file without <, > or line breaks.',
      },
    ]);
  }
  const { quality, qualityFrom } = classicQuality(project);
  return project.models.map((model) => {
    const part = {
      scadFile: project.scadFile,
      module: model.module,
      mode: options.mode ?? 'include',
      variables: options.variables ?? {},
      quality,
    };
    return {
      ...part,
      id: partId(options.projectDir, part),
      name: model.module,
      qualityFrom,
      declaredAt: model.declaredAt,
      requestedAt: model.requestedAt,
      outputs: model.formats.map((format) => ({
        format,
        path: join(options.outDir, `${model.module}.${format}`),
      })),
    };
  });
}

function classicQuality(project: ClassicProject): {
  quality: RenderJob['quality'];
  qualityFrom: QualitySource;
} {
  if (project.kind === 'renderer-py') return { quality: {}, qualityFrom: { kind: 'file' } };
  if (project.quality === undefined) {
    return { quality: { $fn: defaultQuality }, qualityFrom: { kind: 'classic-default' } };
  }
  return {
    quality: { $fn: project.quality },
    qualityFrom: {
      kind: project.qualityFrom ?? 'comment',
      file: project.qualityFrom === 'config' ? (project.configFile ?? '') : project.scadFile,
    },
  };
}
