import { describe, expect, it } from 'vitest';
import { TextCursor } from '../../src/formats/text-cursor.js';

function numberAt(text: string): { value: number; position: number } {
  const cursor = new TextCursor(text);
  const value = cursor.number();
  return { value, position: cursor.position };
}

describe('TextCursor', () => {
  it.each([
    '0',
    '-0',
    '10',
    '+5',
    '3.58579',
    '-12.5',
    '.5',
    '-.25',
    '5.',
    '1e-07',
    '2.5e+21',
    '2.5E21',
    '0.000000',
    '10.000000',
    '3.585786437626905',
    '49.99901304280686',
    '-0.12345678901234567',
    '123456789012345678901234',
    '1e300',
    '4.9e-324',
    '0.1e-5',
    '9007199254740993',
  ])('reads %s as Number() does, bit for bit', (text) => {
    const { value, position } = numberAt(`${text} rest`);
    expect(Object.is(value, Number(text)) || value === Number(text)).toBe(true);
    expect(Object.is(value, -0)).toBe(Object.is(Number(text), -0));
    expect(position).toBe(text.length);
  });

  it('reads random decimals of up to 17 digits exactly as Number() does', () => {
    let seed = 12345;
    const random = (): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    for (let trial = 0; trial < 20_000; trial += 1) {
      const digits = 1 + Math.floor(random() * 17);
      const value = (random() - 0.5) * 10 ** Math.floor(random() * 12 - 4);
      const text = trial % 2 === 0 ? value.toPrecision(digits) : value.toExponential(digits - 1);
      expect(numberAt(text).value).toBe(Number(text));
    }
  });

  it('stops where the number ends and leaves the rest', () => {
    expect(numberAt('30,-20')).toEqual({ value: 30, position: 2 });
    expect(numberAt('1-2')).toEqual({ value: 1, position: 1 });
    expect(numberAt('2e')).toEqual({ value: 2, position: 1 });
    expect(numberAt('2e+x')).toEqual({ value: 2, position: 1 });
    expect(numberAt('1.5.5')).toEqual({ value: 1.5, position: 3 });
  });

  it('gives NaN, and does not move, where no number starts', () => {
    for (const text of ['', 'x', '-', '+.', '.', 'nan', 'inf', ' 1']) {
      const { value, position } = numberAt(text);
      expect(value).toBeNaN();
      expect(position).toBe(0);
    }
  });

  it('moves over blanks, whitespace and lines, and counts lines for messages', () => {
    const cursor = new TextCursor(' \t 1 \r\n\n  2\nlast');
    cursor.skipBlanks();
    expect(cursor.number()).toBe(1);
    expect(cursor.atLineEnd()).toBe(true);
    cursor.skipWhitespace();
    expect(cursor.lineNumber()).toBe(3);
    expect(cursor.number()).toBe(2);
    cursor.skipLine();
    expect(cursor.lineNumber()).toBe(4);
    expect(cursor.atLineEnd()).toBe(false);
    cursor.skipLine();
    expect(cursor.atEnd).toBe(true);
    expect(cursor.atLineEnd()).toBe(true);
  });
});
