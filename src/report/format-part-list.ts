import { basename, relative } from 'node:path';
import pc from 'picocolors';
import type { RenderJob } from '../plan/render-job.js';
import { describeQuality } from './describe-quality.js';

export interface FormatPartListOptions {
  readonly cwd: string;
  readonly color: boolean;
}

/**
 * The planned parts as people read them: one block per part with its file, module, settings and
 * output paths, for `parascad list`.
 */
export function formatPartList(jobs: readonly RenderJob[], options: FormatPartListOptions): string {
  const colors = pc.createColors(options.color);
  const shown = (path: string): string => {
    const relativePath = relative(options.cwd, path);
    return relativePath.startsWith('..') ? path : relativePath;
  };
  const blocks = jobs.map((job) => {
    const settings = [
      `${shown(job.scadFile)}${job.module === undefined ? ' (whole file)' : ` · module ${job.module}`}`,
      job.module === undefined ? undefined : `${job.mode} mode`,
      job.paramSet === undefined
        ? undefined
        : `set ${job.paramSet.name} from ${shown(job.paramSet.file)}${job.paramSet.beside === true ? ` (found beside ${basename(job.scadFile)}, OpenSCAD's convention)` : ''}`,
      describeQuality(job),
      job.engine === undefined ? undefined : `engine ${job.engine}`,
      job.backend === undefined ? undefined : `backend ${job.backend}`,
      job.timeoutSeconds === undefined ? undefined : `timeout ${job.timeoutSeconds}s`,
    ].filter((text): text is string => text !== undefined);
    const variables = Object.entries(job.variables).map(([name, value]) => `${name} = ${value}`);
    return [
      colors.bold(job.name),
      `  ${settings.join(' · ')}`,
      ...(variables.length === 0 ? [] : [`  ${colors.dim('params')} ${variables.join(', ')}`]),
      ...job.outputs.map(
        (output) => `  ${colors.dim(output.format.padEnd(4))} → ${shown(output.path)}`,
      ),
    ].join('\n');
  });
  const files = jobs.reduce((sum, job) => sum + job.outputs.length, 0);
  const total = `${jobs.length} part${jobs.length === 1 ? '' : 's'}, ${files} output file${files === 1 ? '' : 's'}`;
  return `${[...blocks, colors.dim(total)].join('\n\n')}\n`;
}
