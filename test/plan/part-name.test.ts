import { describe, expect, it } from 'vitest';
import { paramText } from '../../src/plan/param-text.js';
import { partName } from '../../src/plan/part-name.js';

describe('partName', () => {
  it('is the module alone, then the set, then each matrix variable with its value', () => {
    expect(partName('lid', undefined, [])).toBe('lid');
    expect(partName('lid', 'small', [])).toBe('lid-small');
    expect(
      partName('lid', undefined, [
        ['size', '10'],
        ['wall', '1.2'],
      ]),
    ).toBe('lid-size10-wall1.2');
  });

  it('replaces characters unsafe in file names with _, one per character', () => {
    expect(partName('my part', 'big box/2', [['$fn', 'ø🙂']])).toBe('my_part-big_box_2-_fn__');
  });
});

describe('paramText', () => {
  it('writes values as they read in names and paths', () => {
    expect([10, 1.2, -3, 'big box', true, null].map(paramText)).toEqual([
      '10',
      '1.2',
      '-3',
      'big box',
      'true',
      'undef',
    ]);
  });

  it('joins list items with x, as sizes are written', () => {
    expect(paramText([10, 20, 5])).toBe('10x20x5');
    expect(paramText([[1, 2], 'a'])).toBe('1x2xa');
  });
});
