import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lexOpenScad } from '../../src/discovery/lex-openscad.js';
import { listModules } from '../../src/discovery/list-modules.js';

const fixture = (name: string): string =>
  fileURLToPath(new URL(`../fixtures/projects/${name}`, import.meta.url));

describe('listModules', () => {
  it('lists every declared module with the place of its module keyword', () => {
    const file = fixture('classic-gearbox/project.scad');

    const modules = listModules(readFileSync(file, 'utf8'), file);

    expect(modules.map((module) => [module.name, module.location])).toEqual([
      ['spur', { file, line: 13, column: 1 }],
      ['pinion_12', { file, line: 17, column: 1 }],
      ['gear_36', { file, line: 19, column: 1 }],
      ['gasket', { file, line: 23, column: 1 }],
      ['helical_gear', { file, line: 26, column: 1 }],
      ['shaft', { file, line: 32, column: 1 }],
      ['bracket', { file, line: 37, column: 1 }],
      ['spacer', { file, line: 39, column: 1 }],
      ['titled', { file, line: 40, column: 1 }],
    ]);
  });

  it('ignores modules written in comments and strings', () => {
    const source =
      '/* module hidden() {} */\n// module gone() {}\nlabel = "module fake() {}";\nmodule real() {}\n';

    expect(listModules(source, 'a.scad').map((module) => module.name)).toEqual(['real']);
  });

  it('lists nested modules too but marks them as not top-level', () => {
    const file = fixture('classic-mistakes/project.scad');

    const modules = listModules(readFileSync(file, 'utf8'), file);

    expect(modules.map((module) => [module.name, module.topLevel])).toEqual([
      ['plate', true],
      ['bolt', true],
      ['holder', true],
      ['outer', true],
      ['inner', false],
      ['nut', true],
    ]);
    expect(modules.find((module) => module.name === 'inner')?.location).toEqual({
      file,
      line: 14,
      column: 3,
    });
  });

  it('finds the first token of the body after a multi-line parameter list', () => {
    const source =
      'module a(x = [1, (2)],\n         y = 3) // note\n{ cube(x); }\nmodule b() cube(1);\nmodule c();\n';

    const bodies = listModules(source, 'a.scad').map(
      (module) => module.body && [module.body.text, module.body.line, module.body.column],
    );

    expect(bodies).toEqual([
      ['{', 3, 1],
      ['cube', 4, 12],
      [';', 5, 11],
    ]);
  });

  it('has no body for a declaration the file ends in', () => {
    expect(listModules('module a(x = 1', 'a.scad')).toEqual([
      {
        name: 'a',
        location: { file: 'a.scad', line: 1, column: 1 },
        start: 0,
        body: undefined,
        topLevel: true,
        parameters: [
          { name: 'x', location: { file: 'a.scad', line: 1, column: 10 }, hasDefault: true },
        ],
      },
    ]);
  });

  it('lists the parameters of a header and which have a default, whatever the defaults hold', () => {
    const [module] = listModules(
      'module box(w, h = [1, 2], /* c */ label = f(1, 2), d) {}',
      'a.scad',
    );
    expect(module?.parameters.map(({ name, hasDefault }) => [name, hasDefault])).toEqual([
      ['w', false],
      ['h', true],
      ['label', true],
      ['d', false],
    ]);
    expect(listModules('module none() {}', 'a.scad')[0]?.parameters).toEqual([]);
  });

  it('skips the module keyword when no name and parameter list follow', () => {
    expect(
      listModules(
        'module;\nmodule 3() {}\nmodule x;\nmodule /* c */ y /* d */ () {}',
        'a.scad',
      ).map((module) => module.name),
    ).toEqual(['y']);
  });

  it('uses the tokens it is given instead of lexing again', () => {
    const tokens = lexOpenScad('module given() {}');

    expect(listModules('', 'a.scad', tokens).map((module) => module.name)).toEqual(['given']);
  });
});
