import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { watchProcessMemory } from '../../../src/engines/native/watch-process-memory.js';

async function peakOf(script: string): Promise<number | undefined> {
  const child = spawn(process.execPath, ['-e', script], { stdio: 'ignore' });
  const watch = watchProcessMemory(child.pid ?? 0, {
    limitBytes: 64 * 1024 ** 3,
    onExceeded: () => undefined,
    intervalMs: 100,
  });
  await once(child, 'exit');
  return watch.stop();
}

describe.runIf(process.platform === 'linux')('watchProcessMemory', () => {
  it("records the peak of a child that runs past the first sample, from the child's own status", async () => {
    // 64 MB touched, then held for a while.
    const peak = await peakOf(
      'const b = Buffer.alloc(64 * 1024 * 1024, 1); setTimeout(() => b.length, 400);',
    );
    expect(peak).toBeGreaterThan(64 * 1024 * 1024);
  });

  it('records no peak for a child gone before the first sample, rather than a wrong one', async () => {
    // Sampled at once, a child may still be the fork of its parent, or its pid someone else's.
    const child = spawn('true', [], { stdio: 'ignore' });
    const watch = watchProcessMemory(child.pid ?? 0, {
      limitBytes: 64 * 1024 ** 3,
      onExceeded: () => undefined,
      firstSampleMs: 60_000,
    });
    await once(child, 'exit');
    expect(watch.stop()).toBeUndefined();
  });

  it('stops a child that goes over the limit', async () => {
    const child = spawn(
      process.execPath,
      ['-e', 'const b = Buffer.alloc(128 * 1024 * 1024, 1); setTimeout(() => b.length, 5000);'],
      { stdio: 'ignore' },
    );
    let used: number | undefined;
    const watch = watchProcessMemory(child.pid ?? 0, {
      limitBytes: 96 * 1024 * 1024,
      onExceeded: (bytes) => {
        used = bytes;
        child.kill('SIGKILL');
      },
      intervalMs: 50,
    });
    const [, signal] = (await once(child, 'exit')) as [number | null, string | null];
    watch.stop();
    expect(signal).toBe('SIGKILL');
    expect(used).toBeGreaterThan(96 * 1024 * 1024);
  });
});
