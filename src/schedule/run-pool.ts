export interface RunPoolOptions<Item, Result> {
  /** Items run at the same time. */
  readonly concurrency: number;
  /**
   * Bytes the running items may take together: an item does not start while the running ones'
   * expected peaks plus its own would exceed this. One item always may run, alone, whatever it
   * needs, so that a part bigger than the budget still renders instead of waiting forever.
   */
  readonly memoryBudgetBytes: number;
  /** Once aborted, no item starts any more; running ones go on, waiting ones are answered by `skip`. */
  readonly stop: AbortSignal;
  /** Items with a higher priority start first (the longest parts, so that none starts last and dominates). */
  readonly priority: (item: Item) => number;
  /** The expected peak memory of an item, in bytes. */
  readonly memory: (item: Item) => number;
  /**
   * Runs one attempt (1-based) of an item. It may call `release` once the scarce part of its work
   * is over (the engine process ended) while it still finishes up (checks and moves the outputs):
   * the next item then starts at once instead of waiting for that. The item keeps its place among
   * the items finishing up, which are at most `concurrency`, and its answer comes when `run` ends.
   */
  readonly run: (item: Item, attempt: number, release: () => void) => Promise<Result>;
  /** Whether a result calls for another attempt (crashes and timeouts; never model errors). */
  readonly shouldRetry: (result: Result, attempt: number) => boolean;
  /**
   * Called once for each item shortly before its turn (the next `concurrency` in line), so that
   * what it needs before it can start (reading and digesting its files) is ready when a slot
   * frees, instead of delaying its start.
   */
  readonly prepare?: (item: Item) => void;
  /** Called before an item is queued again. */
  readonly onRetry?: (item: Item, result: Result, attempt: number) => void;
  /** The answer for an item that never started. */
  readonly skip: (item: Item) => Result;
  /** Turns an unexpected rejection of `run` into that item's result. */
  readonly fail: (item: Item, error: unknown) => Result;
  /**
   * Called once per item with its final result (after any retries, or its skip). What it returns,
   * if anything, is kept as the item's answer instead: a long run keeps a slim copy of each
   * result once it has been reported, so that its memory does not grow with every part.
   */
  readonly onResult?: (item: Item, result: Result) => Result | undefined;
}

interface Waiting<Item> {
  readonly item: Item;
  readonly index: number;
  readonly priority: number;
  readonly memory: number;
  readonly attempt: number;
  /** Whether `prepare` was called for it. */
  prepared: boolean;
}

/**
 * Runs items on a bounded pool and answers every item exactly once, in input order. Items start in
 * priority order as far as the worker count and the memory budget allow; an item that does not fit
 * in the memory left lets a smaller one behind it start instead. A failed item is a result, never a
 * rejection that could leave the others waiting.
 */
export function runPool<Item, Result>(
  items: readonly Item[],
  options: RunPoolOptions<Item, Result>,
): Promise<Result[]> {
  const results = new Array<Result>(items.length);
  const waiting: Waiting<Item>[] = items
    .map((item, index) => ({
      item,
      index,
      priority: options.priority(item),
      memory: options.memory(item),
      attempt: 1,
      prepared: false,
    }))
    .sort((a, b) => b.priority - a.priority || a.index - b.index);
  const concurrency = Math.max(1, options.concurrency);
  let running = 0;
  /** Items that released their slot and are finishing up. */
  let finishing = 0;
  let reserved = 0;
  let answered = 0;

  return new Promise((resolve) => {
    const answer = (index: number, result: Result): void => {
      const item = items[index];
      results[index] =
        (item === undefined ? undefined : options.onResult?.(item, result)) ?? result;
      answered++;
      if (answered === items.length) resolve(results);
    };

    const skipWaiting = (): void => {
      for (const entry of waiting.splice(0)) answer(entry.index, options.skip(entry.item));
    };

    const start = (entry: Waiting<Item>): void => {
      running++;
      reserved += entry.memory;
      let released = false;
      const free = (): void => {
        if (released) return;
        released = true;
        running--;
        reserved -= entry.memory;
      };
      const release = (): void => {
        // A backlog of items finishing up would hold their results (and outputs) in memory.
        if (released || finishing >= concurrency) return;
        finishing++;
        free();
        pump();
      };
      void options
        .run(entry.item, entry.attempt, release)
        .catch((error: unknown) => options.fail(entry.item, error))
        .then((result) => {
          if (released) finishing--;
          else free();
          if (!options.stop.aborted && options.shouldRetry(result, entry.attempt)) {
            options.onRetry?.(entry.item, result, entry.attempt);
            // A retry goes first: it was among the first to start, and its time is already spent.
            waiting.unshift({ ...entry, attempt: entry.attempt + 1 });
          } else {
            answer(entry.index, result);
          }
          pump();
        });
    };

    const pump = (): void => {
      if (options.stop.aborted) {
        skipWaiting();
        return;
      }
      while (running < concurrency && waiting.length > 0) {
        const fits = waiting.findIndex(
          (entry) => running === 0 || reserved + entry.memory <= options.memoryBudgetBytes,
        );
        if (fits === -1) break;
        const [entry] = waiting.splice(fits, 1);
        if (entry !== undefined) start(entry);
      }
      prepareNext();
    };

    const prepareNext = (): void => {
      if (options.prepare === undefined) return;
      for (const entry of waiting.slice(0, concurrency)) {
        if (entry.prepared) continue;
        entry.prepared = true;
        options.prepare(entry.item);
      }
    };

    if (items.length === 0) {
      resolve(results);
      return;
    }
    options.stop.addEventListener('abort', pump, { once: true });
    pump();
  });
}
