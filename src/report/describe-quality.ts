import { basename } from 'node:path';
import type { RenderJob } from '../plan/render-job.js';

/**
 * A part's effective curve resolution and where it comes from, as `list` and the first line of
 * a run show it: `$fn = 48 (//render.quality in project.scad)`, `$fn = 95 (the classic
 * default)`, `$fn = 80 (renderer.scad's own, line 4)`, `OpenSCAD's defaults`.
 */
export function describeQuality(job: RenderJob): string {
  const set = (['$fn', '$fa', '$fs'] as const)
    .flatMap((name) => (job.quality[name] === undefined ? [] : [`${name} = ${job.quality[name]}`]))
    .join(', ');
  const from = job.qualityFrom;
  if (from === undefined) return set === '' ? "OpenSCAD's defaults" : set;
  switch (from.kind) {
    case 'command-line':
      return `${set} (--quality)`;
    case 'config':
      return `${set} (quality in ${basename(from.file)})`;
    case 'comment':
      return `${set} (//render.quality in ${basename(from.file)})`;
    case 'classic-default':
      return `${set} (the classic default)`;
    case 'file': {
      const assigned = from.assigned ?? [];
      if (assigned.length === 0) return "OpenSCAD's defaults ($fa = 12, $fs = 2)";
      return assigned
        .map(({ text, at }) => `${text} (${basename(at.file)}'s own, line ${at.line})`)
        .join(', ');
    }
  }
}
