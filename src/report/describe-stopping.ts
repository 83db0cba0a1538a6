import type { StoppingReason } from '../run/run-event.js';

/**
 * The notice that no more parts start: after the first Ctrl-C it says what happens to the running
 * parts and what a second Ctrl-C does; after SIGTERM (or a caller's cancel) that they are stopped
 * now; after a failure with `--fail-fast`, why the run ends.
 */
export function describeStopping(reason: StoppingReason, running: number): string {
  if (reason === 'fail-fast') return 'stopping after the first failure (--fail-fast)';
  if (running === 0) return 'stopping: no more parts start';
  const parts = running === 1 ? 'the running part' : `${running} running parts`;
  if (reason === 'terminated')
    return `stopping now: ${parts} ${running === 1 ? 'is' : 'are'} being stopped`;
  return `stopping: letting ${parts} finish — press Ctrl-C again to stop ${running === 1 ? 'it' : 'them'} now`;
}
