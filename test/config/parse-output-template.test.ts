import { describe, expect, it } from 'vitest';
import { parseOutputTemplate } from '../../src/config/parse-output-template.js';

describe('parseOutputTemplate', () => {
  it('splits a template into text, placeholders and parameters', () => {
    expect(parseOutputTemplate('{file}/{module}-{set}-{param.$fn}_{param.size}.{format}')).toEqual({
      parts: [
        { kind: 'placeholder', name: 'file' },
        { kind: 'text', text: '/' },
        { kind: 'placeholder', name: 'module' },
        { kind: 'text', text: '-' },
        { kind: 'placeholder', name: 'set' },
        { kind: 'text', text: '-' },
        { kind: 'param', name: '$fn' },
        { kind: 'text', text: '_' },
        { kind: 'param', name: 'size' },
        { kind: 'text', text: '.' },
        { kind: 'placeholder', name: 'format' },
      ],
      problems: [],
    });
  });

  it('takes a template without placeholders as one piece of text', () => {
    expect(parseOutputTemplate('lid.stl')).toEqual({
      parts: [{ kind: 'text', text: 'lid.stl' }],
      problems: [],
    });
  });

  it.each([
    ['{nmae}', 'has an unknown placeholder {nmae}', 'did you mean {name}?'],
    ['{FORMAT}', 'has an unknown placeholder {FORMAT}', 'did you mean {format}?'],
    ['{parm.size}', 'has an unknown placeholder {parm.size}', 'did you mean {param.size}?'],
    [
      '{param.}',
      'has an unknown placeholder {param.}',
      '{param.NAME} takes an OpenSCAD variable name, such as {param.width}',
    ],
    [
      '{}',
      'has an unknown placeholder {}',
      'placeholders are {dir}, {file}, {module}, {set}, {param.NAME}, {format}, {name}',
    ],
  ])('refuses %s with a hint', (template, message, hint) => {
    expect(parseOutputTemplate(template).problems).toEqual([
      { message, hint, text: template, occurrence: 0 },
    ]);
  });

  it('refuses unpaired braces, counting which appearance of the brace is meant', () => {
    const { parts, problems } = parseOutputTemplate('{name}}.{{format}');

    expect(problems).toEqual([
      expect.objectContaining({
        message: 'has a "}" without an opening "{"',
        text: '}',
        occurrence: 1,
      }),
      expect.objectContaining({
        message: 'has a "{" without a closing "}"',
        text: '{',
        occurrence: 1,
      }),
    ]);
    expect(parts).toEqual([
      { kind: 'placeholder', name: 'name' },
      { kind: 'text', text: '}.{' },
      { kind: 'placeholder', name: 'format' },
    ]);
  });

  it('counts repeated mistakes so each can be marked where it is', () => {
    expect(parseOutputTemplate('{x}/{x}').problems.map((problem) => problem.occurrence)).toEqual([
      0, 1,
    ]);
  });
});
