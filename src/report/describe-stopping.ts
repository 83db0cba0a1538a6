/**
 * The notice that no more parts start: after the first Ctrl-C it says what happens to the running
 * parts and what a second Ctrl-C does; after a failure with `--fail-fast`, why the run ends.
 */
export function describeStopping(reason: 'interrupted' | 'fail-fast', running: number): string {
  if (reason === 'fail-fast') return 'stopping after the first failure (--fail-fast)';
  if (running === 0) return 'stopping: no more parts start';
  const parts = running === 1 ? 'the running part' : `${running} running parts`;
  return `stopping: letting ${parts} finish — press Ctrl-C again to stop ${running === 1 ? 'it' : 'them'} now`;
}
