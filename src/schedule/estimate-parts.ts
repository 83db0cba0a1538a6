import type { EngineId } from '../engines/engine.js';
import type { HistoryStore } from '../history/history-store.js';
import type { RenderJob } from '../plan/render-job.js';
import type { PartEstimate } from '../run/run-event.js';

/** Peak memory assumed for a part with no record and nothing similar to go by. */
export const unknownPeakBytes = 512 * 1024 ** 2;
/** Time assumed for a part with no record and nothing similar to go by. */
const unknownSeconds = 1;

/**
 * What each part is expected to cost on its engine: its own last render when recorded; otherwise
 * the median of the recorded parts of the same file on that engine (parts of one file tend to be
 * alike), otherwise of the whole run, otherwise a guess.
 */
export function estimateParts(
  jobs: readonly RenderJob[],
  engineOf: (job: RenderJob) => EngineId,
  history: HistoryStore,
): Map<string, PartEstimate> {
  const recorded = jobs.flatMap((job) => {
    const timing = history.get(job.id)?.[engineOf(job)];
    return timing === undefined ? [] : [{ job, engine: engineOf(job), timing }];
  });
  const estimates = new Map<string, PartEstimate>();
  for (const job of jobs) {
    const engine = engineOf(job);
    const own = history.get(job.id)?.[engine];
    if (own !== undefined) {
      estimates.set(job.id, {
        seconds: own.seconds,
        known: true,
        ...(own.peakBytes === undefined ? {} : { peakBytes: own.peakBytes }),
      });
      continue;
    }
    const sameEngine = recorded.filter((entry) => entry.engine === engine);
    const sameFile = sameEngine.filter((entry) => entry.job.scadFile === job.scadFile);
    const similar = sameFile.length > 0 ? sameFile : sameEngine;
    const peaks = similar.flatMap((entry) =>
      entry.timing.peakBytes === undefined ? [] : [entry.timing.peakBytes],
    );
    estimates.set(job.id, {
      seconds: median(similar.map((entry) => entry.timing.seconds)) ?? unknownSeconds,
      peakBytes: median(peaks) ?? unknownPeakBytes,
      known: false,
    });
  }
  return estimates;
}

function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? sorted[middle]
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
