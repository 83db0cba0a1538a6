import { describe, expect, it } from 'vitest';
import { markDefine, parseDefine } from '../../src/plan/parse-define.js';

describe('parseDefine', () => {
  it.each([
    ['size=30', { name: 'size', source: '30' }],
    ['label="big"', { name: 'label', source: '"big"' }],
    ['v=[1, 2]', { name: 'v', source: '[1, 2]' }],
    ['$fn=64', { name: '$fn', source: '64' }],
    [' width = 2 * 10 + 1 ', { name: 'width', source: '2 * 10 + 1' }],
    ['f=function(x) x * 2', { name: 'f', source: 'function(x) x * 2' }],
    [
      'l=[for (i = [1:3]) if (i > 1) i else -i]',
      { name: 'l', source: '[for (i = [1:3]) if (i > 1) i else -i]' },
    ],
    ['s="a; b // c { }"', { name: 's', source: '"a; b // c { }"' }],
    ['c=let (a = 1) a + 1', { name: 'c', source: 'let (a = 1) a + 1' }],
  ])('reads %j as one expression', (text, expected) => {
    expect(parseDefine(text)).toEqual(expected);
  });

  it.each([
    ['size', 'expected name=value, such as size=30 or label="big"', 1],
    ['2x=1', '"2x" is not an OpenSCAD variable name', 1],
    ['=1', '"" is not an OpenSCAD variable name', 1],
    ['size=', 'the value is empty: give one OpenSCAD expression', 6],
    ['size=30; cube(500)', '";" would end the definition and start another statement', 8],
    ['size=30 cube(500)', 'two values in a row: -D takes one OpenSCAD expression', 9],
    ['size=[1, 2', '"[" is never closed', 6],
    ['size=1)', '")" closes nothing', 7],
    ['size=(1]', '"]" closes nothing', 8],
    ['size={1}', '"{" is not part of an expression', 6],
    ['size=1 // two', 'a comment is not part of a value', 8],
    ['label="big', 'the string is not closed', 7],
    ['m=module', 'module starts a statement, not a value', 3],
  ])('refuses %j, at the offending column', (text, message, column) => {
    expect(parseDefine(text)).toEqual({ message, column });
  });

  it('marks the offending column under the text', () => {
    const text = 'size=30; cube(500)';
    const problem = parseDefine(text);
    if ('name' in problem) throw new Error('accepted');

    expect(markDefine(text, problem)).toBe(
      [
        '-D size=30; cube(500): ";" would end the definition and start another statement',
        '   size=30; cube(500)',
        '          ^',
      ].join('\n'),
    );
  });
});
