import { describe, expect, it } from 'vitest';
import { topLevelAssignments } from '../../src/plan/top-level-assignments.js';

const file = '/p/part.scad';

describe('topLevelAssignments', () => {
  it('lists top-level assignments with their place, source and literal value', () => {
    const source = [
      'include <dims.scad>',
      'width = 40; // [10:100]',
      'label = "a;b";',
      'size = [1, [2, 3]];',
      'area = width * 2;',
    ].join('\n');

    expect(topLevelAssignments(source, file)).toEqual([
      {
        name: 'width',
        at: { file, line: 2, column: 1, length: 5 },
        source: '40',
        literal: { value: 40 },
      },
      {
        name: 'label',
        at: { file, line: 3, column: 1, length: 5 },
        source: '"a;b"',
        literal: { value: 'a;b' },
      },
      {
        name: 'size',
        at: { file, line: 4, column: 1, length: 4 },
        source: '[1, [2, 3]]',
        literal: { value: [1, [2, 3]] },
      },
      { name: 'area', at: { file, line: 5, column: 1, length: 4 }, source: 'width * 2' },
    ]);
  });

  it('skips assignments inside modules, functions, blocks, calls and list comprehensions', () => {
    const source = [
      'module m(a = 1) { inner = 2; cube(a); }',
      'function f(x = 3) = let(y = x) y;',
      'if (true) { blocked = 4; }',
      'for (i = [0:2]) translate([i, 0, 0]) cube(1);',
      'v = [for (j = [0:1]) j];',
      'cube(size = 5);',
      'after = 6;',
    ].join('\n');

    expect(topLevelAssignments(source, file).map((assignment) => assignment.name)).toEqual([
      'v',
      'after',
    ]);
  });

  it('keeps repeated assignments in order, special variables included', () => {
    const source = '$fn = 24;\nwall = 1;\nwall = 2;\n';

    expect(
      topLevelAssignments(source, file).map((assignment) => [assignment.name, assignment.source]),
    ).toEqual([
      ['$fn', '24'],
      ['wall', '1'],
      ['wall', '2'],
    ]);
  });

  it('is not fooled by comments and strings that look like assignments', () => {
    const source = '// x = 1;\n/* y = 2; */\ns = "z = 3;";\n';

    expect(topLevelAssignments(source, file).map((assignment) => assignment.name)).toEqual(['s']);
  });

  it('does not take a comparison for an assignment', () => {
    expect(topLevelAssignments('echo(a == 1);\nb = a == 1;\n', file).map((a) => a.source)).toEqual([
      'a == 1',
    ]);
  });
});
