/** A part that is rendering now. */
export interface RunningWork {
  /** What the part is expected to take in all (its estimate, recorded or guessed). */
  readonly expectedSeconds: number;
  /** How long it has been rendering. */
  readonly elapsedSeconds: number;
}

/** What is left of a run, for {@link estimateRemaining}. */
export interface RemainingWork {
  readonly running: readonly RunningWork[];
  /** The expected seconds of each part that has not started (a part queued for a retry too). */
  readonly pending: readonly number[];
  /** Workers: parts that render at once. */
  readonly concurrency: number;
}

/** Tuning of {@link estimateRemaining}. */
export interface EstimateRemainingOptions {
  /**
   * What a running part that is already past its expected time is still counted for: it has not
   * finished, so it needs more than nothing, and how much more nobody knows.
   * @default 1
   */
  readonly overdueSeconds?: number;
}

/**
 * Seconds until the run is expected to finish: what no schedule can beat for the parts left.
 * That is the longest of
 *
 * - the longest remaining running part (`expected − elapsed`; for a part past its estimate, as
 *   long again as it overran it, at least `overdueSeconds`),
 * - the longest part that has not started (it runs whole, on one worker),
 * - all the work left spread evenly over every worker: `(Σ running remaining + Σ pending
 *   expected) / concurrency`.
 *
 * It is the lower bound of the summary's "lower bound" applied to the parts left, so a good
 * schedule finishes close to it; it errs short when the estimates are right. 0 when
 * nothing is left.
 */
export function estimateRemaining(
  work: RemainingWork,
  options: EstimateRemainingOptions = {},
): number {
  const overdueSeconds = options.overdueSeconds ?? 1;
  let longest = 0;
  let total = 0;
  for (const part of work.running) {
    const left = part.expectedSeconds - part.elapsedSeconds;
    // Past its estimate, a part is assumed to need as long again as it has overrun it: the ETA
    // grows while it runs on, where it said "1s" for minutes.
    const assumed = left >= 0 ? left : Math.max(overdueSeconds, -left);
    longest = Math.max(longest, assumed, overdueSeconds);
    total += assumed;
  }
  for (const expected of work.pending) {
    longest = Math.max(longest, expected);
    total += expected;
  }
  return Math.max(longest, total / Math.max(1, work.concurrency));
}
