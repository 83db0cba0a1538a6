import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadRenderConfig } from '../../src/discovery/load-render-config.js';
import { ConfigError } from '../../src/errors.js';
import type { ConfigProblem } from '../../src/errors.js';
import { formatConfigError, formatConfigWarning } from '../../src/report/format-config-error.js';

const projects = fileURLToPath(new URL('../fixtures/projects/', import.meta.url));

/** A reader that serves `files` and counts how often each is read. */
function fakeSources(files: Record<string, string>) {
  const reads: string[] = [];
  return {
    reads,
    readSource: (file: string): string | undefined => {
      reads.push(file);
      return files[file];
    },
  };
}

const plain = { cwd: '/work/project', color: false } as const;

describe('formatConfigError', () => {
  it('prints each problem with its place, its line, a marker under the bad text and the hint', async () => {
    const error = await loadRenderConfig(
      `${projects}classic-config-unknown-keys/render_config.yml`,
    ).catch((thrown: unknown) => thrown as ConfigError);

    expect(formatConfigError(error as ConfigError, { cwd: projects, color: false })).toBe(
      [
        'classic-config-unknown-keys/render_config.yml:2:1: error: unknown key "thread"',
        '    thread: 4',
        '    ^^^^^^',
        '  hint: did you mean threads?',
        'classic-config-unknown-keys/render_config.yml:3:1: error: unknown key "colour"',
        '    colour: red',
        '    ^^^^^^',
        '  hint: known keys: scad_file, filename, threads, number_of_threads, quality, openscad_path, models',
        'classic-config-unknown-keys/render_config.yml:6:5: error: unknown key "sufix" in models[0]',
        '        sufix: stl',
        '        ^^^^^',
        '  hint: did you mean suffix?',
      ].join('\n'),
    );
  });

  it('marks a value in the middle of its line', async () => {
    const error = await loadRenderConfig(
      `${projects}classic-config-wrong-types/render_config.yml`,
    ).catch((thrown: unknown) => thrown as ConfigError);
    const [, threads] = (error as ConfigError).problems;

    expect(
      formatConfigError(new ConfigError([threads as ConfigProblem]), {
        cwd: projects,
        color: false,
      }),
    ).toBe(
      [
        'classic-config-wrong-types/render_config.yml:2:10: error: threads must be a positive integer, got "four"',
        '    threads: four',
        '             ^^^^',
      ].join('\n'),
    );
  });

  it('shows the absolute path of a file outside the current folder and keeps tabs under the marker', () => {
    const { readSource } = fakeSources({
      '/elsewhere/a.scad': 'x = 1;\n\tmodule\tgear() //render.model.stll\n',
    });
    const problem = {
      message: 'unknown export format "stll"',
      location: { file: '/elsewhere/a.scad', line: 2, column: 31, length: 4 },
    };

    expect(formatConfigError(new ConfigError([problem]), { ...plain, readSource })).toBe(
      [
        '/elsewhere/a.scad:2:31: error: unknown export format "stll"',
        '    \tmodule\tgear() //render.model.stll',
        '    \t      \t                      ^^^^',
      ].join('\n'),
    );
  });

  it('prints a problem without a place as a message and its hint', () => {
    const problem = { message: 'nothing here', hint: 'try again' };

    expect(formatConfigError(new ConfigError([problem]), plain)).toBe(
      'error: nothing here\n  hint: try again',
    );
  });

  it('leaves the line out when the file cannot be read or is shorter', () => {
    const { readSource } = fakeSources({ '/work/project/short.yml': 'one line\n' });
    const problems = [
      {
        message: 'gone',
        location: { file: '/work/project/gone.yml', line: 1, column: 1, length: 3 },
        hint: 'h',
      },
      {
        message: 'past the end',
        location: { file: '/work/project/short.yml', line: 7, column: 1 },
      },
    ];

    expect(formatConfigError(new ConfigError(problems), { ...plain, readSource })).toBe(
      ['gone.yml:1:1: error: gone', '  hint: h', 'short.yml:7:1: error: past the end'].join('\n'),
    );
  });

  it('draws one caret for an empty span and stops the marker at the end of the line', () => {
    const { readSource } = fakeSources({ '/work/project/c.yml': 'threads:\nquality: 9\n' });
    const problems = [
      {
        message: 'empty',
        location: { file: '/work/project/c.yml', line: 1, column: 9, length: 0 },
      },
      {
        message: 'long',
        location: { file: '/work/project/c.yml', line: 2, column: 10, length: 40 },
      },
      { message: 'no column', location: { file: '/work/project/c.yml', line: 2 } },
    ];

    expect(formatConfigError(new ConfigError(problems), { ...plain, readSource })).toBe(
      [
        'c.yml:1:9: error: empty',
        '    threads:',
        '            ^',
        'c.yml:2:10: error: long',
        '    quality: 9',
        '             ^',
        'c.yml:2: error: no column',
        '    quality: 9',
      ].join('\n'),
    );
  });

  it('reads each file once however many problems it has', () => {
    const { reads, readSource } = fakeSources({ '/work/project/c.yml': 'a: 1\nb: 2\n' });
    const problems = [1, 2].map((line) => ({
      message: 'bad',
      location: { file: '/work/project/c.yml', line, column: 1 },
    }));

    formatConfigError(new ConfigError(problems), { ...plain, readSource });

    expect(reads).toEqual(['/work/project/c.yml']);
  });

  it('colours the severity, the place, the marker and the hint label when asked', () => {
    const { readSource } = fakeSources({ '/work/project/c.yml': 'threads: x\n' });
    const problem = {
      message: 'bad',
      location: { file: '/work/project/c.yml', line: 1, column: 10, length: 1 },
      hint: 'h',
    };

    expect(
      formatConfigError(new ConfigError([problem]), {
        cwd: '/work/project',
        color: true,
        readSource,
      }),
    ).toBe(
      [
        '\u001b[1mc.yml:1:10:\u001b[22m \u001b[1m\u001b[31merror:\u001b[39m\u001b[22m bad',
        '    threads: x',
        '             \u001b[31m^\u001b[39m',
        '  \u001b[2mhint:\u001b[22m h',
      ].join('\n'),
    );
  });
});

describe('formatConfigWarning', () => {
  it('prints a warning in the same shape as an error', () => {
    const { readSource } = fakeSources({ '/work/project/project.scad': '//render.qualty 50\n' });
    const warning = {
      message: 'unknown setting //render.qualty is ignored',
      location: { file: '/work/project/project.scad', line: 1, column: 1, length: 15 },
      hint: 'did you mean //render.quality?',
    };

    expect(formatConfigWarning(warning, { ...plain, readSource })).toBe(
      [
        'project.scad:1:1: warning: unknown setting //render.qualty is ignored',
        '    //render.qualty 50',
        '    ^^^^^^^^^^^^^^^',
        '  hint: did you mean //render.quality?',
      ].join('\n'),
    );
  });

  it('paints the warning marker yellow', () => {
    const { readSource } = fakeSources({ '/work/project/a.scad': 'ab\n' });
    const warning = {
      message: 'w',
      location: { file: '/work/project/a.scad', line: 1, column: 2, length: 1 },
    };

    expect(
      formatConfigWarning(warning, { cwd: '/work/project', color: true, readSource }).split(
        '\n',
      )[2],
    ).toBe('     \u001b[33m^\u001b[39m');
  });
});
