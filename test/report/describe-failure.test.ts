import { describe, expect, it } from 'vitest';
import { describeFailure } from '../../src/report/describe-failure.js';

describe('describeFailure', () => {
  it('says how much memory a part used and what the limit was', () => {
    expect(
      describeFailure({
        kind: 'memory-limit',
        limitBytes: 2 * 1024 ** 3,
        usedBytes: 2.3 * 1024 ** 3,
      }),
    ).toBe('used 2.3 GiB of memory, over the 2.0 GiB limit');
  });

  it('names the timeout and the exit code', () => {
    expect(describeFailure({ kind: 'timeout', seconds: 3 })).toBe(
      'stopped after the 3.00s timeout',
    );
    expect(describeFailure({ kind: 'exit-code', code: 139 })).toBe('openscad exited with code 139');
  });

  it('counts the other warnings of a part --strict failed, one warning in the singular', () => {
    const first = { severity: 'warning', message: 'odd', fatal: false } as const;
    expect(describeFailure({ kind: 'strict', warnings: 2, first })).toBe(
      'failed under --strict: odd (and 1 more warning)',
    );
    expect(describeFailure({ kind: 'strict', warnings: 3, first })).toBe(
      'failed under --strict: odd (and 2 more warnings)',
    );
    expect(describeFailure({ kind: 'strict', warnings: 1, first })).toBe(
      'failed under --strict: odd',
    );
  });
});
