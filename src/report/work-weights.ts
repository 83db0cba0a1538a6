import type { PartEstimate } from '../run/run-event.js';

/**
 * Each part's weight in a run's progress bar, by id: its estimated seconds, so that the bar
 * advances by work rather than by parts. A part whose estimate has nothing to go by weighs the
 * median of those that have one, so that it neither stalls the bar nor jumps it. When no part
 * has an estimate with a basis (or every such estimate is 0 s), each part weighs 1: the bar
 * counts parts.
 */
export function workWeights(
  ids: readonly string[],
  estimates: Readonly<Record<string, PartEstimate>>,
): Map<string, number> {
  const based = ids
    .map((id) => estimates[id])
    .flatMap((estimate) =>
      estimate !== undefined && estimate.basis !== 'none' && estimate.seconds > 0
        ? [estimate.seconds]
        : [],
    )
    .sort((a, b) => a - b);
  const median = based[Math.floor(based.length / 2)];
  return new Map(
    ids.map((id) => {
      const estimate = estimates[id];
      if (median === undefined) return [id, 1];
      return [id, estimate === undefined || estimate.basis === 'none' ? median : estimate.seconds];
    }),
  );
}
