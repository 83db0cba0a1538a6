import { describe, expect, it } from 'vitest';
import { parseScadLiteral } from '../../src/plan/parse-scad-literal.js';

describe('parseScadLiteral', () => {
  it('reads numbers, signed numbers and exponents', () => {
    expect(['12', '-3.5', '+2', '.5', '1e3', '2.5E-3'].map(parseScadLiteral)).toEqual([
      12, -3.5, 2, 0.5, 1000, 0.0025,
    ]);
  });

  it('reads true, false and undef', () => {
    expect(['true', 'false', 'undef'].map(parseScadLiteral)).toEqual([true, false, null]);
  });

  it('decodes the escapes of OpenSCAD strings', () => {
    expect(parseScadLiteral('"a\\"b\\\\c\\nd\\te\\rf"')).toBe('a"b\\c\nd\te\rf');
    expect(parseScadLiteral('"\\x41\\u263A\\U01F642"')).toBe('A☺🙂');
  });

  it('reads nested lists, with a trailing comma and comments as OpenSCAD allows', () => {
    expect(parseScadLiteral('[1, [2, "x"], true, /* note */ -4,]')).toEqual([
      1,
      [2, 'x'],
      true,
      -4,
    ]);
    expect(parseScadLiteral('[]')).toEqual([]);
  });

  it('refuses expressions, names, ranges and malformed text', () => {
    for (const source of [
      '1 + 2',
      'width',
      '[1:3]',
      '[a, b]',
      '"open',
      '[1, 2',
      '"bad \\q escape"',
      '"\\x80"',
      '--1',
      '',
      'str("a")',
    ]) {
      expect(parseScadLiteral(source), source).toBeUndefined();
    }
  });
});
