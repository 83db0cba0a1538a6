import { describe, expect, it } from 'vitest';
import { formatBytes } from '../../src/report/format-bytes.js';

describe('formatBytes', () => {
  it('shows sizes in powers of 1024 with two significant digits below 10', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(400_000_000)).toBe('381 MiB');
    expect(formatBytes(2 * 1024 ** 3)).toBe('2.0 GiB');
    expect(formatBytes(120 * 1024 ** 3)).toBe('120 GiB');
  });

  it('moves to the next unit rather than show 1024 of one', () => {
    expect(formatBytes(1024 ** 2 - 100)).toBe('1.0 MiB');
  });
});
