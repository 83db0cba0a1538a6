import { describe, expect, it } from 'vitest';
import { formatRoughDuration } from '../../src/report/format-rough-duration.js';

describe('formatRoughDuration', () => {
  it('shows whole seconds, then minutes and hours', () => {
    expect(formatRoughDuration(0.4)).toBe('0s');
    expect(formatRoughDuration(12.5)).toBe('13s');
    expect(formatRoughDuration(125.2)).toBe('2m 05s');
    expect(formatRoughDuration(3725)).toBe('1h 02m');
  });

  it('never shows a negative time', () => {
    expect(formatRoughDuration(-3)).toBe('0s');
  });
});
