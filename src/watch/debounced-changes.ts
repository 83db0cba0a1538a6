/**
 * Collects changed paths until none has come for `quietMs`: an editor's save (often a write, a
 * rename and a second write) or a `git checkout` of many files becomes one batch. Paths that
 * arrive while the caller is busy (a round rendering) wait for its next {@link take}.
 */
export class DebouncedChanges {
  private readonly pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private settled = false;
  private waiter: (() => void) | undefined;

  /**
   * @param quietMs how long no change must come before a batch is ready.
   * @param onSettled told each time a batch is ready, with every path pending (even while the
   *   caller is busy: a round cancels the parts a change reaches while they render).
   */
  constructor(
    private readonly quietMs: number,
    private readonly onSettled: (paths: ReadonlySet<string>) => void = () => undefined,
  ) {}

  add(path: string): void {
    this.pending.add(path);
    this.settled = false;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.settled = true;
      this.onSettled(this.pending);
      this.waiter?.();
    }, this.quietMs);
  }

  /** The next batch, once it has settled; empty when `signal` aborts first. */
  async take(signal: AbortSignal): Promise<Set<string>> {
    if (!(this.settled && this.pending.size > 0)) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          this.waiter = undefined;
          signal.removeEventListener('abort', done);
          resolve();
        };
        this.waiter = done;
        signal.addEventListener('abort', done, { once: true });
        if (signal.aborted) done();
      });
    }
    if (signal.aborted) return new Set();
    const batch = new Set(this.pending);
    this.pending.clear();
    this.settled = false;
    return batch;
  }

  /** Stops the timer, so that the process can exit. */
  close(): void {
    clearTimeout(this.timer);
  }
}
