/** The longest delay Node's timers take (2³² − 1 ms, 49 days). */
const longestTimerMs = 2 ** 32 - 1;

/**
 * A signal that aborts after `seconds`; undefined without a limit, or with one beyond what a
 * timer can wait, which is as good as none (`AbortSignal.timeout` throws for it).
 */
export function timeoutSignal(seconds: number | undefined): AbortSignal | undefined {
  return seconds === undefined || seconds * 1000 > longestTimerMs
    ? undefined
    : AbortSignal.timeout(seconds * 1000);
}
