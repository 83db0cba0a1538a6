import { describe, expect, it } from 'vitest';
import { runQueue } from '../../src/schedule/run-queue.js';

/** A task that finishes only when the test says so, to observe the pool's state deterministically. */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

describe('runQueue', () => {
  it('never runs more items at once than the concurrency', async () => {
    let running = 0;
    let peak = 0;
    const results = await runQueue([1, 2, 3, 4, 5, 6], {
      concurrency: 2,
      signal: new AbortController().signal,
      priority: () => 0,
      run: async (item) => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((resolve) => setImmediate(resolve));
        running--;
        return item * 10;
      },
      skip: () => -1,
      fail: () => -2,
    });
    expect(results).toEqual([10, 20, 30, 40, 50, 60]);
    expect(peak).toBe(2);
  });

  it('starts the items with the highest priority first', async () => {
    const started: string[] = [];
    await runQueue(['short', 'long', 'unknown', 'medium'], {
      concurrency: 1,
      signal: new AbortController().signal,
      priority: (item) =>
        ({ short: 1, long: 50, unknown: Number.MAX_SAFE_INTEGER, medium: 10 })[item] ?? 0,
      run: (item) => {
        started.push(item);
        return Promise.resolve(item);
      },
      skip: (item) => item,
      fail: (item) => item,
    });
    expect(started).toEqual(['unknown', 'long', 'medium', 'short']);
  });

  it('answers items that had not started when the run was cancelled with skip', async () => {
    const controller = new AbortController();
    const gate = deferred();
    const pending = runQueue(['a', 'b', 'c'], {
      concurrency: 1,
      signal: controller.signal,
      priority: () => 0,
      run: async (item) => {
        controller.abort();
        await gate.promise;
        return `ran ${item}`;
      },
      skip: (item) => `skipped ${item}`,
      fail: (item) => `failed ${item}`,
    });
    gate.resolve();
    expect(await pending).toEqual(['ran a', 'skipped b', 'skipped c']);
  });

  it('turns a rejected item into its result and still runs the others', async () => {
    const results = await runQueue(['ok', 'broken', 'ok too'], {
      concurrency: 1,
      signal: new AbortController().signal,
      priority: () => 0,
      run: (item) =>
        item === 'broken' ? Promise.reject(new Error('disk full')) : Promise.resolve(item),
      skip: (item) => item,
      fail: (item, error) => `${item}: ${(error as Error).message}`,
    });
    expect(results).toEqual(['ok', 'broken: disk full', 'ok too']);
  });
});
