import { describe, expect, it } from 'vitest';
import { renderOutputTemplate } from '../../src/plan/output-template.js';
import type { OutputTemplateValues } from '../../src/plan/output-template.js';

const values: OutputTemplateValues = {
  dir: 'parts/left',
  file: 'box',
  module: 'lid',
  set: 'small',
  name: 'lid-small',
  format: 'stl',
  params: new Map([
    ['width', '40'],
    ['label', 'a/b\\c\nd'],
  ]),
};

describe('renderOutputTemplate', () => {
  it('fills every placeholder', () => {
    expect(
      renderOutputTemplate('{file}/{module}/{set}/{name}-{param.width}.{format}', values),
    ).toEqual({ path: 'box/lid/small/lid-small-40.stl' });
  });

  it('mirrors the source folders with {dir}, the project folder itself being .', () => {
    expect(renderOutputTemplate('{dir}/{name}.{format}', values)).toEqual({
      path: 'parts/left/lid-small.stl',
    });
    expect(renderOutputTemplate('{dir}/{name}.{format}', { ...values, dir: '.' })).toEqual({
      path: 'lid-small.stl',
    });
    // A file outside the project folder has no place below the output folder.
    expect(
      renderOutputTemplate('{dir}/{name}.{format}', { ...values, dir: '../shared' }),
    ).toMatchObject({ problem: { kind: 'outside' } });
  });

  it('keeps folders of the template but never lets another value add one', () => {
    expect(renderOutputTemplate('by-label/{param.label}.{format}', values)).toEqual({
      path: 'by-label/a_b_c_d.stl',
    });
  });

  it('normalises the path and accepts a suffix in other case', () => {
    expect(renderOutputTemplate('./a//b/../{name}.STL', values)).toEqual({
      path: 'a/lid-small.STL',
    });
  });

  it('writes {set} as nothing for a part without a set', () => {
    expect(renderOutputTemplate('{module}{set}.{format}', { ...values, set: '' })).toEqual({
      path: 'lid.stl',
    });
  });

  it('refuses paths outside the output folder', () => {
    for (const template of [
      '../x.stl',
      '/x.stl',
      'C:/x.stl',
      '\\\\server\\x.stl',
      'a/../../x.stl',
    ]) {
      expect(renderOutputTemplate(template, values), template).toMatchObject({
        problem: { kind: 'outside' },
      });
    }
  });

  it('says which placeholder is unknown and which parameter is missing', () => {
    expect(renderOutputTemplate('{modul}.{format}', values)).toEqual({
      problem: {
        kind: 'syntax',
        message: 'output template "{modul}.{format}" has an unknown placeholder {modul}',
        hint: 'did you mean {module}?',
      },
    });
    expect(renderOutputTemplate('{colour}.{format}', values)).toEqual({
      problem: {
        kind: 'syntax',
        message: 'output template "{colour}.{format}" has an unknown placeholder {colour}',
        hint: 'placeholders are {dir}, {file}, {module}, {set}, {param.NAME}, {format}, {name}',
      },
    });
    expect(renderOutputTemplate('{param.depth}.{format}', values)).toMatchObject({
      problem: {
        kind: 'missing-param',
        message:
          'output template "{param.depth}.{format}" uses {param.depth}, but part lid-small sets no depth',
      },
    });
  });

  it('refuses a stray brace and a path without the format’s suffix', () => {
    expect(renderOutputTemplate('{name}}.{format}', values)).toMatchObject({
      problem: {
        kind: 'syntax',
        message: 'output template "{name}}.{format}" has a "}" without an opening "{"',
      },
    });
    expect(renderOutputTemplate('{name}.{format}.bak', values)).toMatchObject({
      problem: { kind: 'suffix' },
    });
  });
});
