import { describe, expect, it } from 'vitest';
import { describeStopping } from '../../src/report/describe-stopping.js';

describe('describeStopping', () => {
  it('offers a second Ctrl-C after the first, since running parts are left to finish', () => {
    expect(describeStopping('interrupted', 2)).toBe(
      'stopping: letting 2 running parts finish — press Ctrl-C again to stop them now',
    );
  });

  it('says the running parts are being stopped after SIGTERM, without the Ctrl-C wording', () => {
    expect(describeStopping('terminated', 1)).toBe(
      'stopping now: the running part is being stopped',
    );
    expect(describeStopping('terminated', 3)).toBe(
      'stopping now: 3 running parts are being stopped',
    );
  });

  it('says only that no more parts start when none runs', () => {
    expect(describeStopping('terminated', 0)).toBe('stopping: no more parts start');
    expect(describeStopping('interrupted', 0)).toBe('stopping: no more parts start');
  });
});
