import { describe, expect, it } from 'vitest';
import { countNoun } from '../../src/util/count-noun.js';

describe('countNoun', () => {
  it('uses the singular for one only, and the plural given for irregular nouns', () => {
    expect(countNoun(1, 'part')).toBe('1 part');
    expect(countNoun(0, 'part')).toBe('0 parts');
    expect(countNoun(2, 'entry', 'entries')).toBe('2 entries');
    expect(countNoun(1, 'entry', 'entries')).toBe('1 entry');
  });
});
