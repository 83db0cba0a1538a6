import type { RenderJob } from '../plan/render-job.js';
import { describeQuality } from './describe-quality.js';

/**
 * The first line of a run or a listing: where the parts come from and each part's effective
 * quality with its source, grouped (`parts from render_config.yml · $fn = 95 (the classic
 * default)`, or `… · $fn = 48 (…) for 2 parts, $fn = 95 (…) for lid`).
 */
export function formatSourceLine(source: string, jobs: readonly RenderJob[]): string {
  const groups = new Map<string, string[]>();
  for (const job of jobs) {
    const quality = describeQuality(job);
    const names = groups.get(quality);
    if (names === undefined) groups.set(quality, [job.name]);
    else names.push(job.name);
  }
  const qualities = [...groups].map(([quality, names]) =>
    groups.size === 1
      ? quality
      : `${quality} for ${names.length <= 2 ? names.join(', ') : `${names.length} parts`}`,
  );
  return `parts from ${source}${qualities.length === 0 ? '' : ` · ${qualities.join('; ')}`}`;
}
