import pc from 'picocolors';
import { describe, expect, it } from 'vitest';
import { truncateLine } from '../../src/report/truncate-line.js';

const colors = pc.createColors(true);

describe('truncateLine', () => {
  it('leaves a line that fits as it is', () => {
    expect(truncateLine('gear_60  12.1s', 14)).toBe('gear_60  12.1s');
  });

  it('ends a cut line with an ellipsis within the width', () => {
    expect(truncateLine('gear_60  12.1s / ~30s', 10)).toBe('gear_60  …');
  });

  it('counts colour escapes as no width, keeps them, and resets after a cut', () => {
    const line = `${colors.green('████')}${colors.dim('░░░░')} 5/16`;
    expect(truncateLine(line, 13)).toBe(line);
    expect(truncateLine(line, 6)).toBe(`${colors.green('████')}\u001B[2m░…\u001B[0m`);
  });

  it('gives nothing for a width below one', () => {
    expect(truncateLine('gear', 0)).toBe('');
  });
});
