import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../src/report/format-duration.js';

describe('formatDuration', () => {
  it('shows short times to the hundredth and long ones in minutes and hours', () => {
    expect(formatDuration(0.8412)).toBe('0.84s');
    expect(formatDuration(12.34)).toBe('12.3s');
    expect(formatDuration(125.2)).toBe('2m 05s');
    expect(formatDuration(3725)).toBe('1h 02m');
  });
});
