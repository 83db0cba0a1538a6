/**
 * How fast the fleet notices a worker that died (SIGKILL, power loss): its job's lock expires
 * after `lockDuration` unless renewed (a live worker renews it every half of that), and BullMQ
 * looks for expired locks every `stalledInterval`, moving such jobs back to waiting. Measured on
 * Redis 7.0: 4 s / 2 s re-ran a killed worker's job after about 5 s; BullMQ's defaults (30 s /
 * 30 s) take about a minute.
 */
export const fleetTiming = {
  lockDurationMs: 4000,
  stalledIntervalMs: 2000,
  /** A job whose worker died this many times is failed rather than retried forever. */
  maxStalledCount: 3,
  /** How often a worker checks whether the runs of its running parts were cancelled. */
  cancelPollMs: 1000,
} as const;

/** The Redis key that says a run was cancelled (its producer was interrupted). */
export function cancelKey(prefix: string, runId: string): string {
  return `${prefix}:cancel:${runId}`;
}
