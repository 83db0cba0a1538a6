import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scanAnnotations } from '../../src/discovery/scan-annotations.js';

const fixture = (name: string): string =>
  fileURLToPath(new URL(`../fixtures/projects/${name}`, import.meta.url));

const allFormats =
  'stl, off, amf, 3mf, wrl, obj, nef3, nefdbg, dxf, svg, pdf, csg, ast, term, echo, png';

/** Scans inline source as the file `a.scad`. */
const scan = (source: string) => scanAnnotations(source, 'a.scad');

describe('scanAnnotations', () => {
  it('reads markers wherever the classic conventions allow them, and settings anywhere', () => {
    const file = fixture('classic-gearbox/project.scad');

    const result = scanAnnotations(readFileSync(file, 'utf8'), file);

    const at = (line: number, column: number, length?: number) => ({
      file,
      line,
      column,
      ...(length === undefined ? {} : { length }),
    });
    expect(result.models).toEqual([
      // `{` on the next line.
      { module: 'pinion_12', formats: ['stl'], declaredAt: at(17, 1), requestedAt: at(17, 20, 18) },
      // Two markers in one comment, after a parameter list.
      {
        module: 'gear_36',
        formats: ['stl', 'off'],
        declaredAt: at(19, 1),
        requestedAt: at(19, 41, 18),
      },
      // `{` before the marker on the module's line.
      { module: 'gasket', formats: ['dxf'], declaredAt: at(23, 1), requestedAt: at(23, 19, 18) },
      // On the line of `)` of a multi-line parameter list, suffix in upper case.
      {
        module: 'helical_gear',
        formats: ['stl'],
        declaredAt: at(26, 1),
        requestedAt: at(28, 31, 18),
      },
      // Inside a multi-line parameter list, with a space after `//`.
      { module: 'shaft', formats: ['stl'], declaredAt: at(32, 1), requestedAt: at(32, 27, 19) },
      // Several markers separated by spaces and commas; the repeated 3mf collapses.
      {
        module: 'bracket',
        formats: ['3mf', 'stl'],
        declaredAt: at(37, 1),
        requestedAt: at(37, 18, 20),
      },
      // A single-statement body, marker after it on the same line.
      { module: 'spacer', formats: ['stl'], declaredAt: at(39, 1), requestedAt: at(39, 26, 18) },
      // The markers in the string and the block comment do not count.
      { module: 'titled', formats: ['svg'], declaredAt: at(40, 1), requestedAt: at(40, 74, 18) },
    ]);
    expect(result.quality).toBe(60);
    expect(result.threads).toBe(4);
    expect(result.warnings).toEqual([]);
    expect(result.problems).toEqual([]);
  });

  it('reports each mistaken //render comment with its place and a hint', () => {
    const file = fixture('classic-mistakes/project.scad');

    const result = scanAnnotations(readFileSync(file, 'utf8'), file);

    expect(result.warnings).toEqual([
      {
        message: 'unknown setting //render.qualty is ignored',
        location: { file, line: 1, column: 1, length: 15 },
        hint: 'did you mean //render.quality?',
      },
      {
        message:
          '//render.quality is set on line 2 and again on line 3; the value on line 3 (80) is used',
        location: { file, line: 3, column: 1, length: 16 },
        hint: 'remove one of them',
      },
      {
        message: 'unknown setting //render.stl is ignored',
        location: { file, line: 5, column: 1, length: 12 },
        hint: 'did you mean //render.model.stl?',
      },
      {
        message: '//render.model names no export format and is ignored',
        location: { file, line: 6, column: 16, length: 14 },
        hint: `write the format after it, e.g. //render.model.stl (formats: ${allFormats})`,
      },
      {
        message: '//render.model.stl is not in a module header and is ignored',
        location: { file, line: 11, column: 12, length: 18 },
        hint: 'put the marker after "module NAME(…)" and before the "{" that opens the module\'s body',
      },
    ]);
    expect(result.problems).toEqual([
      {
        message: '//render.number_of_threads must be a positive integer, got "four"',
        location: { file, line: 4, column: 28, length: 4 },
      },
      {
        message: 'unknown export format "stll"',
        location: { file, line: 8, column: 30, length: 4 },
        hint: 'did you mean stl?',
      },
      {
        message:
          'module inner (project.scad:14) is declared inside a block, so it cannot be rendered on its own',
        location: { file, line: 14, column: 18, length: 18 },
        hint: 'move "module inner" to the top level of project.scad',
      },
    ]);
    expect(result.models.map((model) => model.module)).toEqual(['nut']);
    expect(result.quality).toBe(80);
    expect(result).not.toHaveProperty('threads');
  });

  it('accepts a marker later on the line where the body starts', () => {
    const result = scan(
      'module a()\n{ cube(1); } //render.model.stl\nmodule b() {\n} //render.model.stl\n',
    );

    expect(result.models.map((model) => [model.module, model.formats])).toEqual([['a', ['stl']]]);
    expect(result.warnings.map((warning) => warning.location?.line)).toEqual([4]);
  });

  it('gives a marker to the module declared last on its line', () => {
    const result = scan('module a() { } module b() { } //render.model.off\n');

    expect(result.models.map((model) => [model.module, model.formats])).toEqual([['b', ['off']]]);
  });

  it('collects the formats of a module spread over several comments', () => {
    const result = scan(
      'module a(x = 1, // render.model.stl\n  y = 2) //render.model.OFF, render.model.stl\n{ }',
    );

    expect(result.models).toEqual([
      {
        module: 'a',
        formats: ['stl', 'off'],
        declaredAt: { file: 'a.scad', line: 1, column: 1 },
        requestedAt: { file: 'a.scad', line: 1, column: 17, length: 19 },
      },
    ]);
  });

  it('ignores render words that do not start a comment or a // part of one', () => {
    const result = scan(
      'module a() // the render.model.stl file\n{ }\n/* //render.quality 5 */\nx = "//render.quality 7";\n',
    );

    expect(result).toEqual({ models: [], modules: result.modules, warnings: [], problems: [] });
  });

  it('reads CRLF files with the same lines and columns', () => {
    const result = scan('//render.quality 30\r\nmodule a() //render.model.stl\r\n{ }\r\n');

    expect(result.quality).toBe(30);
    expect(result.models[0]?.requestedAt).toEqual({
      file: 'a.scad',
      line: 2,
      column: 12,
      length: 18,
    });
  });

  it.each([
    ['0', '0'],
    ['-4', '-4'],
    ['2.5', '2.5'],
    ['sixty', 'sixty'],
  ])('refuses %s as a quality', (value, shown) => {
    const result = scan(`//render.quality ${value}`);

    expect(result.problems).toEqual([
      {
        message: `//render.quality must be a positive integer, got "${shown}"`,
        location: { file: 'a.scad', line: 1, column: 18, length: value.length },
      },
    ]);
    expect(result).not.toHaveProperty('quality');
  });

  it.each([
    ['//render.quality [48]', 48],
    ['//render.quality [ 48 ]', 48],
    ['//render.quality [48] the classic parser ignored this', 48],
    ['//render.quality[48]', 48],
    ['// render.quality 48', 48],
  ])('reads the quality of %s as the classic parser did', (comment, quality) => {
    const result = scan(`${comment}\n`);

    expect([result.quality, result.problems, result.warnings]).toEqual([quality, [], []]);
  });

  it('reads bracketed settings of both kinds from one comment', () => {
    const result = scan('//render.number_of_threads [ 2 ] render.quality [64]\n');

    expect([result.threads, result.quality, result.warnings, result.problems]).toEqual([
      2,
      64,
      [],
      [],
    ]);
  });

  it.each([
    ['[]', '[]', 18, 2, undefined],
    ['[ 4.5 ]', '[ 4.5 ]', 18, 7, undefined],
    ['[sixty]', '[sixty]', 18, 7, undefined],
    ['[48', '[48', 18, 3, 'close the bracket: //render.quality [48]'],
  ])('refuses %s as a bracketed quality, pointing at it', (value, shown, column, length, hint) => {
    const result = scan(`//render.quality ${value}`);

    expect(result.problems).toEqual([
      {
        message: `//render.quality must be a positive integer, got "${shown}"`,
        location: { file: 'a.scad', line: 1, column, length },
        ...(hint === undefined ? {} : { hint }),
      },
    ]);
    expect(result).not.toHaveProperty('quality');
  });

  it.each([
    [
      '//render.quality 4 8',
      'quality',
      '4 8',
      18,
      'write one integer, e.g. //render.quality 48; a note goes after another //',
    ],
    [
      '//render.quality 4,8',
      'quality',
      '4,8',
      18,
      'write one integer, e.g. //render.quality 48; a note goes after another //',
    ],
    [
      '//render.number_of_threads 2 4 render.quality 8',
      'number_of_threads',
      '2 4',
      28,
      'write one integer, e.g. //render.number_of_threads 4; a note goes after another //',
    ],
  ])(
    'refuses the bare %s, whose value is more than one word',
    (comment, setting, shown, column, hint) => {
      const result = scan(`${comment}\n`);

      expect(result.problems).toEqual([
        {
          message: `//render.${setting} must be a positive integer, got "${shown}"`,
          location: { file: 'a.scad', line: 1, column, length: shown.length },
          hint,
        },
      ]);
      expect(result).not.toHaveProperty(setting === 'quality' ? 'quality' : 'threads');
    },
  );

  it('reads a bare value followed by a comma, and a note after another //', () => {
    const result = scan('//render.quality 40, render.number_of_threads 2 // the classic 40\n');

    expect([result.quality, result.threads, result.problems]).toEqual([40, 2, []]);
  });

  it('asks for the number when a setting has none', () => {
    expect(scan('// render.number_of_threads\n').problems).toEqual([
      {
        message: '//render.number_of_threads needs a positive integer',
        location: { file: 'a.scad', line: 1, column: 1, length: 27 },
        hint: 'write it as //render.number_of_threads 4',
      },
    ]);
  });

  it('reads several settings from one comment and ignores words after a value', () => {
    const result = scan('//render.quality 40 render.number_of_threads 2 // fine detail\n');

    expect([result.quality, result.threads, result.warnings, result.problems]).toEqual([
      40,
      2,
      [],
      [],
    ]);
  });

  it('lists the known formats when an unknown suffix is like none of them', () => {
    expect(scan('module a() //render.model.banana\n{}').problems).toEqual([
      {
        message: 'unknown export format "banana"',
        location: { file: 'a.scad', line: 1, column: 27, length: 6 },
        hint: `OpenSCAD exports ${allFormats}`,
      },
    ]);
  });

  it('lists the known settings when an unknown one is like none of them', () => {
    expect(scan('//render.colour red').warnings).toEqual([
      {
        message: 'unknown setting //render.colour is ignored',
        location: { file: 'a.scad', line: 1, column: 1, length: 15 },
        hint: 'parascad reads //render.model.<format>, //render.quality N and //render.number_of_threads N',
      },
    ]);
  });

  it('keeps the suffix in the hint for a misspelt model marker', () => {
    expect(scan('module a() //render.modle.stl\n{}').warnings[0]?.hint).toBe(
      'did you mean //render.model.stl?',
    );
  });

  it('warns at a marker on a module the file declares again, whose last declaration OpenSCAD renders', () => {
    const result = scan(
      [
        'module twice() //render.model.stl //render.model.off',
        '{ cube(1); }',
        'module twice() { sphere(3); }',
        'module once() //render.model.stl',
        '{ cube(1); }',
      ].join('\n'),
    );
    expect(result.models.map((model) => model.module)).toEqual(['twice', 'once']);
    expect(result.warnings).toEqual([
      {
        message:
          'module twice is declared again on line 3: OpenSCAD renders that declaration, not this one',
        location: { file: 'a.scad', line: 1, column: 16, length: 18 },
        hint: 'rename one of them, or move the marker to line 3',
      },
    ]);
    // A marker on the last declaration marks what renders.
    expect(
      scan('module t() { cube(1); }\nmodule t() //render.model.stl\n{ sphere(3); }').warnings,
    ).toEqual([]);
  });
});
