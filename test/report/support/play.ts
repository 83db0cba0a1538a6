import type { Reporter } from '../../../src/report/reporter.js';
import type { createFakeClock } from './fake-clock.js';
import type { Step } from './run-fixture.js';

/** Feeds a scripted run to a reporter, moving the fake clock (and its timers) for each wait. */
export function play(
  steps: readonly Step[],
  reporter: Reporter,
  clock: ReturnType<typeof createFakeClock>,
): void {
  for (const step of steps) {
    if ('wait' in step) clock.advance(Math.round(step.wait * 1000));
    else reporter.onEvent(step);
  }
}

/** Collects what a reporter writes to one stream. */
export function capture() {
  const writes: string[] = [];
  return {
    writes,
    write: (text: string): void => {
      writes.push(text);
    },
    text: (): string => writes.join(''),
  };
}
