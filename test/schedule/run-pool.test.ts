import { describe, expect, it } from 'vitest';
import { runPool, type RunPoolOptions } from '../../src/schedule/run-pool.js';

interface Part {
  readonly name: string;
  readonly priority?: number;
  readonly memory?: number;
}

/**
 * A pool whose items finish only when the test says so: the test sees exactly which items run
 * at each step, with no timing involved.
 */
function controlledPool(
  parts: readonly Part[],
  overrides: Partial<RunPoolOptions<Part, string>> = {},
) {
  const running = new Map<string, (result: string) => void>();
  const releases = new Map<string, () => void>();
  const started: string[] = [];
  const stop = new AbortController();
  const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
  const done = runPool(parts, {
    concurrency: 2,
    memoryBudgetBytes: Number.POSITIVE_INFINITY,
    stop: stop.signal,
    priority: (part) => part.priority ?? 0,
    memory: (part) => part.memory ?? 0,
    run: (part, attempt, release) =>
      new Promise((resolve) => {
        started.push(attempt === 1 ? part.name : `${part.name}#${attempt}`);
        running.set(part.name, resolve);
        releases.set(part.name, release);
      }),
    shouldRetry: () => false,
    skip: (part) => `skipped ${part.name}`,
    fail: (part, error) => `failed ${part.name}: ${(error as Error).message}`,
    ...overrides,
  });
  const finish = async (name: string, result = `ok ${name}`): Promise<void> => {
    const resolve = running.get(name);
    if (resolve === undefined)
      throw new Error(`${name} is not running (running: ${[...running.keys()].join(', ')})`);
    running.delete(name);
    resolve(result);
    await settle();
  };
  /** Releases an item's slot, as an engine that is done with it does (see `run`'s `release`). */
  const release = async (name: string): Promise<void> => {
    releases.get(name)?.();
    await settle();
  };
  return { done, started, running: () => [...running.keys()], finish, release, stop, settle };
}

describe('runPool', () => {
  it('runs no more items at once than the concurrency and answers in input order', async () => {
    const pool = controlledPool([{ name: 'a' }, { name: 'b' }, { name: 'c' }]);
    await pool.settle();
    expect(pool.running()).toEqual(['a', 'b']);
    await pool.finish('b');
    expect(pool.running()).toEqual(['a', 'c']);
    await pool.finish('c');
    await pool.finish('a');
    expect(await pool.done).toEqual(['ok a', 'ok b', 'ok c']);
  });

  it('starts the longest expected parts first, unknown ones (highest priority) before them', async () => {
    const pool = controlledPool(
      [
        { name: 'short', priority: 1 },
        { name: 'long', priority: 50 },
        { name: 'unknown', priority: Number.MAX_SAFE_INTEGER },
        { name: 'medium', priority: 10 },
      ],
      { concurrency: 1 },
    );
    for (const name of ['unknown', 'long', 'medium', 'short']) {
      await pool.settle();
      await pool.finish(name);
    }
    await pool.done;
    expect(pool.started).toEqual(['unknown', 'long', 'medium', 'short']);
  });

  it('does not start a part whose expected memory would exceed the budget, and lets a smaller one go first', async () => {
    const pool = controlledPool(
      [
        { name: 'big', priority: 3, memory: 6 },
        { name: 'huge', priority: 2, memory: 8 },
        { name: 'small', priority: 1, memory: 3 },
      ],
      { memoryBudgetBytes: 10 },
    );
    await pool.settle();
    // big (6) runs; huge (8) would make 14 > 10; small (3) fits beside big.
    expect(pool.running()).toEqual(['big', 'small']);
    await pool.finish('small');
    expect(pool.running()).toEqual(['big']);
    await pool.finish('big');
    expect(pool.running()).toEqual(['huge']);
    await pool.finish('huge');
    expect(await pool.done).toEqual(['ok big', 'ok huge', 'ok small']);
  });

  it('runs a part bigger than the whole budget alone rather than never', async () => {
    const pool = controlledPool(
      [
        { name: 'giant', memory: 100 },
        { name: 'tiny', memory: 1 },
      ],
      {
        memoryBudgetBytes: 10,
      },
    );
    await pool.settle();
    expect(pool.running()).toEqual(['giant']);
    await pool.finish('giant');
    expect(pool.running()).toEqual(['tiny']);
    await pool.finish('tiny');
    await pool.done;
  });

  it('tries a part again while shouldRetry says so, before the parts that wait', async () => {
    const retried: string[] = [];
    const pool = controlledPool([{ name: 'flaky' }, { name: 'next' }], {
      concurrency: 1,
      shouldRetry: (result, attempt) => result.startsWith('crash') && attempt < 3,
      onRetry: (part, result, attempt) => retried.push(`${part.name} ${result} ${attempt}`),
    });
    await pool.settle();
    await pool.finish('flaky', 'crash 1');
    await pool.finish('flaky', 'crash 2');
    await pool.finish('flaky', 'crash 3');
    await pool.finish('next');
    expect(await pool.done).toEqual(['crash 3', 'ok next']);
    expect(pool.started).toEqual(['flaky', 'flaky#2', 'flaky#3', 'next']);
    expect(retried).toEqual(['flaky crash 1 1', 'flaky crash 2 2']);
  });

  it('starts nothing more once stopped, lets running parts finish and skips the rest', async () => {
    const pool = controlledPool([{ name: 'a' }, { name: 'b' }, { name: 'c' }, { name: 'd' }]);
    await pool.settle();
    pool.stop.abort();
    await pool.settle();
    expect(pool.running()).toEqual(['a', 'b']);
    await pool.finish('a');
    expect(pool.running()).toEqual(['b']);
    await pool.finish('b');
    expect(await pool.done).toEqual(['ok a', 'ok b', 'skipped c', 'skipped d']);
  });

  it('does not retry once stopped', async () => {
    const pool = controlledPool([{ name: 'flaky' }], { shouldRetry: () => true });
    await pool.settle();
    pool.stop.abort();
    await pool.finish('flaky', 'crash');
    expect(await pool.done).toEqual(['crash']);
  });

  it("turns a rejected run into that item's result and goes on", async () => {
    const results = await runPool(['ok', 'broken', 'ok too'], {
      concurrency: 1,
      memoryBudgetBytes: Number.POSITIVE_INFINITY,
      stop: new AbortController().signal,
      priority: () => 0,
      memory: () => 0,
      run: (item) =>
        item === 'broken' ? Promise.reject(new Error('disk full')) : Promise.resolve(item),
      shouldRetry: () => false,
      skip: (item) => item,
      fail: (item, error) => `${item}: ${(error as Error).message}`,
    });
    expect(results).toEqual(['ok', 'broken: disk full', 'ok too']);
  });

  it('starts the next item as soon as a running one releases its slot, and answers that one when it ends', async () => {
    const pool = controlledPool([{ name: 'a' }, { name: 'b' }, { name: 'c' }], {
      concurrency: 1,
    });
    await pool.settle();
    expect(pool.running()).toEqual(['a']);
    await pool.release('a');
    expect(pool.running()).toEqual(['a', 'b']);
    await pool.finish('b');
    // b held its slot to the end: c takes it, while a is still finishing up.
    expect(pool.running()).toEqual(['a', 'c']);
    await pool.finish('a');
    await pool.finish('c');
    expect(await pool.done).toEqual(['ok a', 'ok b', 'ok c']);
  });

  it('lets no more items finish up after releasing their slots than the concurrency', async () => {
    const pool = controlledPool([{ name: 'a' }, { name: 'b' }, { name: 'c' }], {
      concurrency: 1,
    });
    await pool.settle();
    await pool.release('a');
    await pool.release('b');
    // a is still finishing up: b keeps its slot, and c waits.
    expect(pool.running()).toEqual(['a', 'b']);
    await pool.finish('a');
    expect(pool.running()).toEqual(['b']);
    await pool.finish('b');
    expect(pool.running()).toEqual(['c']);
    await pool.finish('c');
    expect(await pool.done).toEqual(['ok a', 'ok b', 'ok c']);
  });

  it('prepares each item once, while it is among the next in line', async () => {
    const prepared: string[] = [];
    const pool = controlledPool([{ name: 'a' }, { name: 'b' }, { name: 'c' }, { name: 'd' }], {
      concurrency: 1,
      prepare: (part) => prepared.push(part.name),
    });
    await pool.settle();
    expect(prepared).toEqual(['b']);
    await pool.finish('a');
    expect(prepared).toEqual(['b', 'c']);
    await pool.finish('b');
    await pool.finish('c');
    await pool.finish('d');
    await pool.done;
    expect(prepared).toEqual(['b', 'c', 'd']);
  });

  it('answers an empty list at once', async () => {
    expect(await controlledPool([]).done).toEqual([]);
  });
});
