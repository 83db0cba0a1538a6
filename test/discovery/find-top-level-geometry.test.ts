import { describe, expect, it } from 'vitest';
import { findTopLevelGeometry } from '../../src/discovery/find-top-level-geometry.js';

const unguarded = (source: string): string[] =>
  findTopLevelGeometry(source, 'a.scad').unguarded.map(
    (found) => `${found.module}@${found.at.line}:${found.at.column}`,
  );

describe('findTopLevelGeometry', () => {
  it('finds a top-level instantiation outside any guard, at its first identifier', () => {
    const source = 'module peg() { cylinder(d = 10, h = 20); }\ntranslate([100, 0, 0]) cube(50);\n';

    expect(unguarded(source)).toEqual(['translate@2:1']);
  });

  it('ignores assignments, definitions, echo, assert, include, use and disabled geometry', () => {
    const source = [
      'include <lib/dims.scad>',
      'use <MCAD/gears.scad>',
      'width = 40; // [10:100]',
      'label = "cube(1);";',
      'function f(x) = x * 2;',
      'module box() { cube(width); }',
      'echo("width", width);',
      'assert(width > 0, "too small");',
      '*cube(10);',
      '// cube(5);',
      '/* sphere(3); */',
      ';',
    ].join('\n');

    expect(unguarded(source)).toEqual([]);
  });

  it.each([
    ['if (is_undef(batch_rendering)) { box(); }'],
    ['batch_rendering = false;\nif (!batch_rendering) box();'],
    ['batch_rendering = "";\nif (batch_rendering == "") {\n  box();\n  sphere(2);\n}'],
    ['if (batch_rendering == false) box();'],
    ['if ((is_undef(batch_rendering)) && show_demo) { box(); }'],
    ['if (show_demo && !batch_rendering) { box(); }'],
  ])('recognises the guard in %j', (source) => {
    expect(unguarded(source)).toEqual([]);
  });

  it('treats the else branch of a guard, and an if that is not a guard, as unguarded', () => {
    const source = [
      'if (is_undef(batch_rendering)) { box(); } else { sphere(1); }',
      'if (show_demo) { cube(2); }',
      'if (is_undef(other)) cube(3);',
    ].join('\n');

    expect(unguarded(source)).toEqual(['sphere@1:50', 'cube@2:18', 'cube@3:22']);
  });

  it('counts the child of assert and geometry behind the ! # % modifiers and inside blocks', () => {
    const source =
      'assert(true) cube(1);\n#sphere(2);\n{ cylinder(3); }\nfor (i = [1:3]) cube(i);\n';

    expect(unguarded(source)).toEqual(['cube@1:14', 'sphere@2:2', 'cylinder@3:3', 'for@4:1']);
  });

  it('lists the includes, and suggests the guard form of the file’s own default', () => {
    const found = findTopLevelGeometry(
      'include <src/a.scad>\nuse <b.scad>\nbatch_rendering = "";\n',
      'a.scad',
    );

    expect(found.includes).toEqual([
      { path: 'src/a.scad', at: { file: 'a.scad', line: 1, column: 1 } },
    ]);
    expect(found.guard).toBe('if (batch_rendering == "")');
    expect(findTopLevelGeometry('batch_rendering = false;', 'a.scad').guard).toBe(
      'if (!batch_rendering)',
    );
    expect(findTopLevelGeometry('', 'a.scad').guard).toBe('if (is_undef(batch_rendering))');
  });
});
