import { describe, expect, it } from 'vitest';
import { parseWorkerCounts } from '../../src/bench/parse-worker-counts.js';

describe('parseWorkerCounts', () => {
  it('reads a comma-separated list into ascending counts', () => {
    expect(parseWorkerCounts('1,2,4')).toEqual({ ok: true, counts: [1, 2, 4] });
    expect(parseWorkerCounts('8, 1 ,2')).toEqual({ ok: true, counts: [1, 2, 8] });
    expect(parseWorkerCounts('3')).toEqual({ ok: true, counts: [3] });
  });

  it.each([
    ['0', '"0"'],
    ['1,-2', '"-2"'],
    ['1.5', '"1.5"'],
    ['2x', '"2x"'],
    ['1e1', '"1e1"'],
    ['0x10', '"0x10"'],
    ['four', '"four"'],
  ])('rejects %s, naming the bad item', (text, named) => {
    const parsed = parseWorkerCounts(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.message).toContain('whole numbers of at least 1');
      expect(parsed.message).toContain(named);
    }
  });

  it.each(['', '1,,2', '1,2,', ','])('rejects the empty item in "%s"', (text) => {
    expect(parseWorkerCounts(text)).toEqual({
      ok: false,
      message: `expected worker counts separated by commas (e.g. 1,2,4), got "${text}"`,
    });
  });

  it('rejects a count listed twice, even written differently', () => {
    expect(parseWorkerCounts('1,2,02')).toEqual({ ok: false, message: '2 is listed twice' });
  });

  it('rejects a count too large to be exact', () => {
    expect(parseWorkerCounts('99999999999999999999').ok).toBe(false);
  });
});
