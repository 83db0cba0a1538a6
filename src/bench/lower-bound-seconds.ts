/**
 * The shortest wall time any schedule of these parts could reach on `workers` workers: it can
 * finish no sooner than its longest part, nor sooner than the total work spread evenly over every
 * worker. Computed from one run's own part times, so it shows how far that run's schedule (and
 * its fixed costs, such as starting workers) was from the best the same parts allowed.
 */
export function lowerBoundSeconds(partSeconds: readonly number[], workers: number): number {
  if (!Number.isInteger(workers) || workers < 1) {
    throw new RangeError(`workers must be a whole number of at least 1, got ${workers}`);
  }
  const total = partSeconds.reduce((sum, seconds) => sum + seconds, 0);
  return Math.max(0, ...partSeconds, total / workers);
}
