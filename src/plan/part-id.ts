import { createHash } from 'node:crypto';
import { relative } from 'node:path';
import type { RenderJob } from './render-job.js';

/**
 * A part's identity across runs, for its recorded times: the file relative to the project folder
 * (so that moving the project keeps it), the module, and a short digest of everything else that
 * changes what OpenSCAD computes (mode, variables, quality, backend).
 */
export function partId(
  projectDir: string,
  part: Pick<RenderJob, 'scadFile' | 'module' | 'mode' | 'variables' | 'quality' | 'backend'>,
): string {
  const file = relative(projectDir, part.scadFile).split('\\').join('/');
  const settings = JSON.stringify([
    part.mode,
    Object.entries(part.variables).sort(([a], [b]) => a.localeCompare(b)),
    [part.quality.$fn, part.quality.$fa, part.quality.$fs],
    part.backend ?? null,
  ]);
  const digest = createHash('sha256').update(settings).digest('hex').slice(0, 10);
  return `${file}#${part.module ?? ''}#${digest}`;
}
