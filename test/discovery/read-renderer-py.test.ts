import { describe, expect, it } from 'vitest';
import { readRendererPy } from '../../src/discovery/read-renderer-py.js';

const read = (source: string) => readRendererPy(source, 'renderer.py');

describe('readRendererPy', () => {
  it('reads the models list with comments, trailing commas and both quotes, and the thread count', () => {
    const result = read(
      [
        '#!/usr/bin/env python3',
        'import threading, queue, subprocess, os',
        '',
        '# Input Vars',
        'models = [',
        '    {"module": "gear", "suffix": "stl",},  # the slow one first',
        "    {'module': 'gasket', 'suffix': 'DXF'},",
        '    # {"module": "disabled", "suffix": "stl"},',
        '    {',
        '        "module": "plate",',
        '        "suffix": "3mf",',
        '    },',
        ']',
        '',
        'number_of_threads = 4',
        'if models == []: pass',
        '',
      ].join('\n'),
    );

    expect(result).toEqual({
      kind: 'models',
      models: [
        {
          module: 'gear',
          suffix: 'stl',
          at: { file: 'renderer.py', line: 6, column: 5, length: 1 },
          moduleAt: { file: 'renderer.py', line: 6, column: 16, length: 6 },
        },
        {
          module: 'gasket',
          suffix: 'dxf',
          at: { file: 'renderer.py', line: 7, column: 5, length: 1 },
          moduleAt: { file: 'renderer.py', line: 7, column: 16, length: 8 },
        },
        {
          module: 'plate',
          suffix: '3mf',
          at: { file: 'renderer.py', line: 9, column: 5, length: 1 },
          moduleAt: { file: 'renderer.py', line: 10, column: 19, length: 7 },
        },
      ],
      threads: 4,
      problems: [],
    });
  });

  it('takes a thread count that is not a literal to mean the CPUs', () => {
    const result = read(
      'import multiprocessing\nmodels = [{"module": "a", "suffix": "stl"}]\nnumber_of_threads = multiprocessing.cpu_count()\n',
    );

    expect(result).toMatchObject({ kind: 'models', threads: 'cpus', problems: [] });
  });

  it('ignores the newer generation, whose models list is empty, and scripts without one', () => {
    expect(read('models = []\nnumber_of_threads = 4\n')).toEqual({ kind: 'none' });
    expect(read('models = [ # parts are marked in the scad files\n]\n')).toEqual({ kind: 'none' });
    expect(read('print("hello")\n  models = [1]\n')).toEqual({ kind: 'none' });
  });

  it('reports each entry it cannot read at its place, and reads the others', () => {
    const result = read(
      [
        'models = [',
        '    {"module": "a", "suffix": "stl"},',
        '    {"module": name, "suffix": "stl"},',
        '    {"modul": "b", "suffix": "stl"},',
        '    {"module": "c"},',
        '    {"module": "d", "suffix": "stll"},',
        '    make_entry("e"),',
        ']',
      ].join('\n'),
    );

    expect(result.kind === 'models' && result.models.map((model) => model.module)).toEqual(['a']);
    expect(result.kind === 'models' && result.problems).toEqual([
      {
        message:
          'models entry cannot be read: the value of "module" must be a string literal, found "name"',
        location: { file: 'renderer.py', line: 3, column: 16, length: 4 },
        hint: 'write each entry as {"module": "name", "suffix": "stl"}: parascad reads renderer.py without running it',
      },
      {
        message: 'unknown key "modul" in a models entry',
        location: { file: 'renderer.py', line: 4, column: 6, length: 7 },
        hint: 'did you mean module?',
      },
      {
        message: 'the entry for c names no "suffix"',
        location: { file: 'renderer.py', line: 5, column: 5, length: 1 },
        hint: 'add "suffix": "stl" (the classic renderer needs it too)',
      },
      {
        message: 'unknown export format "stll"',
        location: { file: 'renderer.py', line: 6, column: 31, length: 6 },
        hint: 'did you mean stl?',
      },
      {
        message:
          'models entry cannot be read: expected a dict such as {"module": …}, found "make_entry"',
        location: { file: 'renderer.py', line: 7, column: 5, length: 10 },
        hint: 'write each entry as {"module": "name", "suffix": "stl"}: parascad reads renderer.py without running it',
      },
    ]);
  });

  it('reads a tuple of models as a list: Python iterates both alike', () => {
    const result = read(
      'models = (\n    {"module": "peg", "suffix": "stl"},\n    {"module": "cap", "suffix": "off"},\n)\n',
    );
    expect(result.kind === 'models' ? result.models.map((model) => model.module) : []).toEqual([
      'peg',
      'cap',
    ]);
    expect(result).toMatchObject({ problems: [] });
  });

  it('refuses a models value that is not a list literal', () => {
    const result = read('models = load_models()\n');

    expect(result).toMatchObject({
      kind: 'models',
      models: [],
      problems: [
        {
          message: 'models must be a list (or tuple) literal, got "load_models"',
          location: { file: 'renderer.py', line: 1, column: 10, length: 11 },
        },
      ],
    });
  });

  it('says a models list that runs to the end of the file is not closed, at its bracket', () => {
    const result = read('models = [\n  {"module": "tray", "suffix": "stl"},\n');

    expect(result).toMatchObject({
      kind: 'models',
      problems: [
        {
          message:
            'the models list is not closed: its "[" has no "]" before the end of renderer.py',
          location: { file: 'renderer.py', line: 1, column: 10, length: 1 },
          hint: 'close the list with "]" after the last entry',
        },
      ],
    });
  });
});
