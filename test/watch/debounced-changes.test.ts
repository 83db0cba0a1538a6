import { describe, expect, it } from 'vitest';
import { DebouncedChanges } from '../../src/watch/debounced-changes.js';

describe('DebouncedChanges', () => {
  it('hands over a burst of changes as one batch, once they settle', async () => {
    const settled: string[][] = [];
    const changes = new DebouncedChanges(20, (paths) => settled.push([...paths]));
    changes.add('/p/a.scad');
    changes.add('/p/b.scad');
    changes.add('/p/a.scad');
    const batch = await changes.take(new AbortController().signal);
    expect([...batch].sort()).toEqual(['/p/a.scad', '/p/b.scad']);
    expect(settled).toEqual([['/p/a.scad', '/p/b.scad']]);
    changes.close();
  });

  it('keeps changes that settled while the caller was busy for its next take', async () => {
    let settle = (): void => undefined;
    const settled = new Promise<void>((resolve) => (settle = resolve));
    const changes = new DebouncedChanges(5, () => {
      settle();
    });
    changes.add('/p/c.scad');
    await settled;
    expect([...(await changes.take(new AbortController().signal))]).toEqual(['/p/c.scad']);
    changes.close();
  });

  it('answers an empty batch when the signal aborts first', async () => {
    const changes = new DebouncedChanges(10_000);
    const stop = new AbortController();
    const taking = changes.take(stop.signal);
    changes.add('/p/a.scad');
    stop.abort();
    expect(await taking).toEqual(new Set());
    changes.close();
  });
});
