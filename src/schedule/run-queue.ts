import PQueue from 'p-queue';

export interface RunQueueOptions<Item, Result> {
  /** Items run at the same time. */
  readonly concurrency: number;
  /** Once aborted, items that have not started are not run but answered by `skip`. */
  readonly signal: AbortSignal;
  /** Items with a higher priority start first (the longest parts, so none starts last and dominates). */
  readonly priority: (item: Item) => number;
  readonly run: (item: Item) => Promise<Result>;
  readonly skip: (item: Item) => Result;
  /** Turns an unexpected rejection of `run` into that item's result. */
  readonly fail: (item: Item, error: unknown) => Result;
}

/**
 * Runs items on a bounded pool and answers every item exactly once, in input order: a failed
 * item is a result, never a rejection that could leave the others waiting.
 */
export async function runQueue<Item, Result>(
  items: readonly Item[],
  options: RunQueueOptions<Item, Result>,
): Promise<Result[]> {
  const queue = new PQueue({ concurrency: Math.max(1, options.concurrency) });
  // p-queue starts the first items as soon as they are added, before it sees the others'
  // priorities: adding them in priority order makes the first ones right too.
  const byPriority = items
    .map((item, index) => ({ item, index, priority: options.priority(item) }))
    .sort((a, b) => b.priority - a.priority || a.index - b.index);
  const results = new Array<Result>(items.length);
  await Promise.all(
    byPriority.map(({ item, index, priority }) =>
      queue.add(
        async () => {
          if (options.signal.aborted) {
            results[index] = options.skip(item);
            return;
          }
          try {
            results[index] = await options.run(item);
          } catch (error) {
            results[index] = options.fail(item, error);
          }
        },
        { priority },
      ),
    ),
  );
  return results;
}
