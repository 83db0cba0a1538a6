import { describe, expect, it } from 'vitest';
import type { ParamValue } from '../../src/config/project-config.js';
import { parseScadLiteral } from '../../src/plan/parse-scad-literal.js';
import { scadLiteral } from '../../src/plan/scad-literal.js';
import { hasNativeOpenScad, nativeSkipReason } from '../support/has-native-openscad.js';
import { encodeFunction, expectedEncoding, openscadEcho } from './openscad-echo.js';

describe('scadLiteral', () => {
  it('writes numbers as JavaScript does, exponents included', () => {
    expect([10, -2.5, 0.1, 1e-7, 1.5e21, -0].map(scadLiteral)).toEqual([
      '10',
      '-2.5',
      '0.1',
      '1e-7',
      '1.5e+21',
      '0',
    ]);
  });

  it('writes booleans, undef for null, and lists recursively', () => {
    expect(scadLiteral(true)).toBe('true');
    expect(scadLiteral(false)).toBe('false');
    expect(scadLiteral(null)).toBe('undef');
    expect(scadLiteral([1, [true, null], 'a', []])).toBe('[1, [true, undef], "a", []]');
  });

  it('escapes backslashes, quotes, newlines, tabs and carriage returns in strings', () => {
    expect(scadLiteral('say "hi"\\ok\n\ttab\rend')).toBe('"say \\"hi\\"\\\\ok\\n\\ttab\\rend"');
  });

  it('writes other characters, Unicode included, as they are', () => {
    expect(scadLiteral('Ø 10 mm — ☺ 🙂')).toBe('"Ø 10 mm — ☺ 🙂"');
  });

  it('refuses what OpenSCAD source cannot hold', () => {
    expect(() => scadLiteral(NaN)).toThrow(RangeError);
    expect(() => scadLiteral(Infinity)).toThrow('Infinity is not a number OpenSCAD can read');
    expect(() => scadLiteral([1, -Infinity])).toThrow(RangeError);
    expect(() => scadLiteral('a\0b')).toThrow('a string for OpenSCAD cannot hold a NUL');
    expect(() => scadLiteral('\uD800x')).toThrow(RangeError);
  });

  it('gives source that reads back as the same value', () => {
    const values: ParamValue[] = [
      0,
      -3.25,
      1e-7,
      'quote " and \\ back\nslash',
      [1, ['x', false]],
      null,
    ];
    for (const value of values) expect(parseScadLiteral(scadLiteral(value))).toEqual(value);
  });
});

const tricky: readonly ParamValue[] = [
  'say "hi"',
  'C:\\temp\\new',
  'ends with backslash \\',
  'line one\nline two\r\n\tindented',
  'Ø 10 mm — ☺ 🙂 ünïcödé',
  '',
  '\\n is not a newline here',
  ['nested "quotes"', ['back\\slash', 'x'], 7, -0.5, true, false, null],
  -12.75,
  true,
  null,
];

describe.skipIf(!hasNativeOpenScad)(
  `scadLiteral with the native openscad ${nativeSkipReason}`,
  () => {
    it('gives -D definitions that OpenSCAD reads as the same values', () => {
      const defines = tricky.flatMap((value, index) => ['-D', `v${index}=${scadLiteral(value)}`]);
      const echoes = tricky.map((_, index) => `echo(enc(v${index}));`);
      const lines = openscadEcho([encodeFunction, ...echoes, ''].join('\n'), defines);
      expect(lines).toEqual(tricky.map((value) => `ECHO: ${expectedEncoding(value)}`));
    });

    it('gives numbers with exponents that OpenSCAD reads exactly', () => {
      const lines = openscadEcho(
        'echo(tiny = v0 == 1 / 10000000, huge = v1 == 15 * pow(10, 20), neg = v2 == -0.000123);\n',
        [
          '-D',
          `v0=${scadLiteral(1e-7)}`,
          '-D',
          `v1=${scadLiteral(1.5e21)}`,
          '-D',
          `v2=${scadLiteral(-0.000123)}`,
        ],
      );
      expect(lines).toEqual(['ECHO: tiny = true, huge = true, neg = true']);
    });
  },
);
