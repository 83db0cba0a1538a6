import type { StartInterval } from '../../../src/report/reporter.js';

interface Timer {
  readonly callback: () => void;
  readonly every: number;
  next: number;
}

/**
 * A clock and interval timers that only move when a test says so: `advance` moves time forward and
 * fires every timer that falls due on the way, in time order.
 */
export function createFakeClock() {
  let time = 0;
  const timers = new Set<Timer>();

  const setInterval: StartInterval = (callback, milliseconds) => {
    const timer: Timer = { callback, every: milliseconds, next: time + milliseconds };
    timers.add(timer);
    return timer;
  };

  return {
    now: (): number => time,
    setInterval,
    clearInterval: (timer: unknown): void => {
      timers.delete(timer as Timer);
    },
    /** Timers that were started and not cleared. */
    active: (): number => timers.size,
    /** The periods of the running timers, in milliseconds. */
    periods: (): number[] => [...timers].map((timer) => timer.every),
    advance(milliseconds: number): void {
      const end = time + milliseconds;
      for (;;) {
        const due = [...timers]
          .filter((timer) => timer.next <= end)
          .sort((a, b) => a.next - b.next)[0];
        if (due === undefined) break;
        time = due.next;
        due.next += due.every;
        due.callback();
      }
      time = end;
    },
  };
}
