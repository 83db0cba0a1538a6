import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { whenAborted } from '../../src/run/abort-links.js';

describe('whenAborted', () => {
  it('runs once on abort, and leaves no listener behind once unlinked', () => {
    const lasting = new AbortController();
    let calls = 0;
    // One link per round of a long watch session, each unlinked when its round ends.
    for (let round = 0; round < 12; round++) {
      const unlink = whenAborted(lasting.signal, () => calls++);
      unlink();
    }
    expect(getEventListeners(lasting.signal, 'abort')).toHaveLength(0);

    whenAborted(lasting.signal, () => calls++);
    lasting.abort();
    lasting.abort();
    expect(calls).toBe(1);
  });

  it('runs at once on a signal already aborted', () => {
    let calls = 0;
    whenAborted(AbortSignal.abort(), () => calls++)();
    expect(calls).toBe(1);
  });
});
