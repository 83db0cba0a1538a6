import { describe, expect, it } from 'vitest';
import { BoundedText } from '../../src/engines/bounded-text.js';

describe('BoundedText', () => {
  it('keeps everything while under the limit', () => {
    const text = new BoundedText(100);
    text.append('ERROR: first\n');
    text.append('second\n');
    expect(text.toString()).toBe('ERROR: first\nsecond\n');
  });

  it('keeps the beginning and the end of endless output and says how much was dropped', () => {
    const text = new BoundedText(20);
    text.append('ERROR: at the start\n');
    for (let i = 0; i < 100; i++) text.append(`ECHO: ${i}\n`);
    text.append('the end\n');
    const kept = text.toString();
    expect(kept.startsWith('ERROR: at')).toBe(true);
    expect(kept.endsWith('the end\n')).toBe(true);
    expect(kept).toMatch(/dropped \d+ characters/);
    expect(kept.length).toBeLessThan(100);
  });
});
