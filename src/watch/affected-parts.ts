import type { RenderJob } from '../plan/render-job.js';

/** The parts a batch of changes calls for, and whether the plan itself changed. */
export interface AffectedParts {
  readonly jobs: readonly RenderJob[];
  /** True when the new plan added, changed or removed parts. */
  readonly replanned: boolean;
}

/**
 * The parts to render after files changed: those that read a changed file, plus those the new
 * plan added or changed (a config edit, a new marker, a new file matching a glob). Parts the new
 * plan dropped are gone; the others are left alone. In the new plan's order.
 */
export function affectedParts(
  before: readonly RenderJob[],
  after: readonly RenderJob[],
  filesOf: (job: RenderJob) => ReadonlySet<string>,
  changed: ReadonlySet<string>,
): AffectedParts {
  const previous = new Map(before.map((job) => [job.id, JSON.stringify(job)]));
  const replanned =
    before.length !== after.length ||
    after.some((job) => previous.get(job.id) !== JSON.stringify(job));
  const jobs = after.filter((job) => {
    if (previous.get(job.id) !== JSON.stringify(job)) return true;
    const files = filesOf(job);
    return [...changed].some((file) => files.has(file));
  });
  return { jobs, replanned };
}
