import { describe, expect, it } from 'vitest';
import { exportSuffixes } from '../../src/plan/export-formats.js';
import { didYouMean } from '../../src/util/did-you-mean.js';

const configKeys = ['scad_file', 'threads', 'quality', 'openscad_path', 'models'];

describe('didYouMean', () => {
  it('suggests the candidate a typo was meant to be', () => {
    expect(didYouMean('thread', configKeys)).toBe('threads');
    expect(didYouMean('qualty', configKeys)).toBe('quality');
    expect(didYouMean('stll', exportSuffixes())).toBe('stl');
  });

  it('compares without regard to case but suggests the candidate as written', () => {
    expect(didYouMean('STLL', exportSuffixes())).toBe('stl');
    expect(didYouMean('Pinion_12', ['gear_36', 'pinion_12'])).toBe('pinion_12');
  });

  it('counts two swapped neighbouring letters as one edit', () => {
    // Without swaps `slt` would be two edits from `stl`, too far for a three-letter word.
    expect(didYouMean('slt', exportSuffixes())).toBe('stl');
  });

  it('suggests nothing when no candidate is close', () => {
    expect(didYouMean('colour', configKeys)).toBeUndefined();
    expect(didYouMean('xyz', ['stl'])).toBeUndefined();
    expect(didYouMean('a', [])).toBeUndefined();
  });

  it('allows more edits for longer words', () => {
    expect(didYouMean('numbr_of_thred', ['number_of_threads'])).toBe('number_of_threads');
    expect(didYouMean('ab', ['xy'])).toBeUndefined();
  });

  it('prefers the earlier candidate when two are equally close', () => {
    expect(didYouMean('ab', ['ac', 'ad'])).toBe('ac');
    expect(didYouMean('ab', ['ad', 'ac'])).toBe('ad');
  });

  it('never suggests the input itself', () => {
    expect(didYouMean('stl', ['stl'])).toBeUndefined();
    expect(didYouMean('stl', ['stl', 'stp'])).toBe('stp');
  });
});
