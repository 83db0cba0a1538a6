import { describe, expect, it } from 'vitest';
import { timeoutSignal } from '../../src/util/timeout-signal.js';

describe('timeoutSignal', () => {
  it('aborts after the seconds given', async () => {
    const signal = timeoutSignal(0.05);
    expect(signal?.aborted).toBe(false);
    await new Promise((resolve) => signal?.addEventListener('abort', resolve));
    expect((signal?.reason as Error).name).toBe('TimeoutError');
  });

  it('is no limit without seconds, or beyond the 24.8 days a timer can wait', () => {
    expect(timeoutSignal(undefined)).toBeUndefined();
    expect(timeoutSignal(1e9)).toBeUndefined();
    // Beyond what Node's timers hold (24.8 days), where AbortSignal.timeout would fire at once.
    expect(timeoutSignal(3_000_000)).toBeUndefined();
    expect(timeoutSignal(2_147_483)?.aborted).toBe(false);
  });
});
