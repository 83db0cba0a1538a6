/**
 * The longest delay Node's timers take: 2³¹ − 1 ms, 24.8 days. `AbortSignal.timeout` accepts up
 * to 2³² − 1, but its timer turns a longer delay into 1 ms (a `TimeoutOverflowWarning`), which
 * stopped every part at once for a timeout between 24.8 and 49 days.
 */
const longestTimerMs = 2 ** 31 - 1;

/**
 * A signal that aborts after `seconds`; undefined without a limit, or with one beyond what a
 * timer can wait, which is as good as none (`AbortSignal.timeout` throws for it).
 */
export function timeoutSignal(seconds: number | undefined): AbortSignal | undefined {
  return seconds === undefined || seconds * 1000 > longestTimerMs
    ? undefined
    : AbortSignal.timeout(seconds * 1000);
}
