import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadRenderConfig } from '../../src/discovery/load-render-config.js';
import { ConfigError, ParascadError } from '../../src/errors.js';
import type { ConfigProblem } from '../../src/errors.js';

const fixture = (name: string): string =>
  fileURLToPath(new URL(`../fixtures/projects/${name}/render_config.yml`, import.meta.url));

/** The problems of the ConfigError `load` throws; fails the test when it throws nothing else. */
async function problemsOf(load: Promise<unknown>): Promise<readonly ConfigProblem[]> {
  const error: unknown = await load.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return (error as ConfigError).problems;
}

let temp: string;
beforeEach(async () => {
  temp = await mkdtemp(path.join(tmpdir(), 'parascad-config-'));
});
afterEach(async () => {
  await rm(temp, { recursive: true, force: true });
});

/** Writes `text` as a render_config.yml in a fresh folder and returns its path. */
async function configWith(text: string): Promise<string> {
  const file = path.join(temp, 'render_config.yml');
  await writeFile(file, text);
  return file;
}

describe('loadRenderConfig', () => {
  it('reads every setting with the places of scad_file and of each entry', async () => {
    const file = fixture('classic-config');

    const config = await loadRenderConfig(file);

    const at = (line: number, column: number, length: number) => ({ file, line, column, length });
    expect(config).toEqual({
      file,
      scadFile: 'parts/kit.scad',
      scadFileAt: at(2, 12, 14),
      quality: 95,
      openscadPath: '../tools/openscad',
      models: [
        { module: 'pinion_12', suffix: 'stl', at: at(6, 5, 17), moduleAt: at(6, 13, 9) },
        { module: 'gasket', suffix: 'dxf', at: at(8, 5, 14), moduleAt: at(8, 13, 6) },
        // `.SVG` loses its dot and its capitals; the trailing comment is not part of the entry.
        { module: 'gasket', suffix: 'svg', at: at(10, 5, 14), moduleAt: at(10, 13, 6) },
        // No suffix means stl.
        { module: 'housing', suffix: 'stl', at: at(12, 5, 15), moduleAt: at(12, 13, 7) },
        { module: 'pinion_12', suffix: 'stl', at: at(13, 5, 17), moduleAt: at(13, 13, 9) },
      ],
    });
  });

  it('resolves a relative config path against the current folder', async () => {
    const file = fixture('classic-config');

    const config = await loadRenderConfig(path.relative(process.cwd(), file));

    expect(config.file).toBe(file);
  });

  it('has no models when the file lists none', async () => {
    const config = await loadRenderConfig(await configWith('scad_file: a.scad\nthreads: 3\n'));

    expect(config).toEqual({
      file: path.join(temp, 'render_config.yml'),
      scadFile: 'a.scad',
      scadFileAt: { file: path.join(temp, 'render_config.yml'), line: 1, column: 12, length: 6 },
      threads: 3,
      models: [],
    });
  });

  it('reports invalid YAML at the place the parser stopped', async () => {
    const file = fixture('classic-config-bad-yaml');

    expect(await problemsOf(loadRenderConfig(file))).toEqual([
      {
        message:
          'invalid YAML: flow sequence in block collection must be sufficiently indented and end with a ]',
        location: { file, line: 5, column: 1, length: 1 },
      },
    ]);
  });

  it('reports a key given twice as invalid YAML', async () => {
    const file = await configWith('scad_file: a.scad\nthreads: 2\nthreads: 4\n');

    expect(await problemsOf(loadRenderConfig(file))).toEqual([
      {
        message: 'invalid YAML: map keys must be unique',
        location: { file, line: 3, column: 1, length: 1 },
      },
    ]);
  });

  it('reports several YAML documents in one file in plain words', async () => {
    const file = await configWith('scad_file: a.scad\n---\nthreads: 2\n');

    expect(await problemsOf(loadRenderConfig(file))).toEqual([
      {
        message: 'invalid YAML: a config file holds one document, but this one has several',
        location: { file, line: 2, column: 1, length: 3 },
      },
    ]);
  });

  it('reports every wrong value at once, saying what was expected and what was found', async () => {
    const file = fixture('classic-config-wrong-types');

    expect(await problemsOf(loadRenderConfig(file))).toEqual([
      {
        message: 'scad_file must be the path of a scad file, got 42',
        location: { file, line: 1, column: 12, length: 2 },
      },
      {
        message: 'threads must be a positive integer, got "four"',
        location: { file, line: 2, column: 10, length: 4 },
      },
      {
        message: 'quality must be a positive integer, got 0',
        location: { file, line: 3, column: 10, length: 1 },
      },
      {
        message: 'openscad_path must be the path of the openscad program, got ""',
        location: { file, line: 4, column: 16, length: 2 },
      },
      {
        message: 'models[0].suffix must be an export format such as stl, got 3',
        location: { file, line: 7, column: 13, length: 1 },
      },
      {
        message: 'models[1] must be a mapping such as {module: NAME, suffix: stl}, got 7',
        location: { file, line: 8, column: 5, length: 1 },
      },
      {
        message: 'models[2].module is required',
        location: { file, line: 9, column: 5, length: 11 },
      },
    ]);
  });

  it.each([
    ['threads: 2.5', 'threads must be a positive integer, got 2.5', 10, 3],
    ['threads:', 'threads must be a positive integer, got nothing', 9, 0],
    ['quality: "60"', 'quality must be a positive integer, got "60"', 10, 4],
    ['models: stl', 'models must be a list of {module, suffix} entries, got "stl"', 9, 3],
    [
      'models:\n  module: a',
      'models must be a list of {module, suffix} entries, got a mapping',
      3,
      9,
    ],
  ])('refuses `%s`', async (line, message, column, length) => {
    const file = await configWith(`scad_file: a.scad\n${line}\n`);

    expect(await problemsOf(loadRenderConfig(file))).toEqual([
      { message, location: { file, line: line.startsWith('models:\n') ? 3 : 2, column, length } },
    ]);
  });

  it('reports unknown keys at the key, with the key probably meant', async () => {
    const file = fixture('classic-config-unknown-keys');

    expect(await problemsOf(loadRenderConfig(file))).toEqual([
      {
        message: 'unknown key "thread"',
        location: { file, line: 2, column: 1, length: 6 },
        hint: 'did you mean threads?',
      },
      {
        message: 'unknown key "colour"',
        location: { file, line: 3, column: 1, length: 6 },
        hint: 'known keys: scad_file, filename, threads, number_of_threads, quality, openscad_path, models',
      },
      {
        message: 'unknown key "sufix" in models[0]',
        location: { file, line: 6, column: 5, length: 5 },
        hint: 'did you mean suffix?',
      },
    ]);
  });

  it('reports unknown export suffixes at the suffix', async () => {
    const file = fixture('classic-config-unknown-suffix');

    expect(await problemsOf(loadRenderConfig(file))).toEqual([
      {
        message: 'unknown export format "stll"',
        location: { file, line: 4, column: 13, length: 4 },
        hint: 'did you mean stl?',
      },
      {
        message: 'unknown export format ".pnj"',
        location: { file, line: 6, column: 13, length: 4 },
        hint: 'did you mean png?',
      },
    ]);
  });

  it('quotes an unknown suffix back as it was written, a path-like one included', async () => {
    const problems = await problemsOf(
      loadRenderConfig(
        await configWith(
          'scad_file: project.scad\nmodels:\n  - module: a\n    suffix: "../../x.stl"\n  - module: a\n    suffix: .STLL\n',
        ),
      ),
    );
    expect(problems.map((problem) => problem.message)).toEqual([
      'unknown export format "../../x.stl"',
      'unknown export format ".STLL"',
    ]);
  });

  it('reads the older forms: no scad_file (left to discoverProject), filename and number_of_threads', async () => {
    const gateway = await loadRenderConfig(
      await configWith('threads: 2\nmodels:\n  - module: a\n'),
    );
    const older = await loadRenderConfig(
      await configWith('filename: parts.scad\nnumber_of_threads: 3\n'),
    );

    expect([gateway.scadFile, gateway.threads]).toEqual([undefined, 2]);
    expect([older.scadFile, older.threads, older.scadFileAt.line]).toEqual(['parts.scad', 3, 1]);
  });

  it('refuses a setting given under both its name and its older name', async () => {
    const file = await configWith(
      'scad_file: a.scad\nfilename: b.scad\nthreads: 2\nnumber_of_threads: 3\n',
    );

    expect(await problemsOf(loadRenderConfig(file))).toEqual([
      {
        message: 'filename is the older name of scad_file: give only one of them',
        location: { file, line: 2, column: 1, length: 8 },
        hint: 'remove filename',
      },
      {
        message: 'number_of_threads is the older name of threads: give only one of them',
        location: { file, line: 4, column: 1, length: 17 },
        hint: 'remove number_of_threads',
      },
    ]);
  });

  it('reports an empty file at its first line', async () => {
    const file = fixture('classic-config-empty');

    expect(await problemsOf(loadRenderConfig(file))).toEqual([
      {
        message:
          'render_config.yml must be a mapping of settings such as "scad_file: project.scad", got nothing',
        location: { file, line: 1, column: 1 },
      },
    ]);
  });

  it('refuses a missing config file with CONFIG_INVALID', async () => {
    const file = path.join(temp, 'nope.yml');

    const error: unknown = await loadRenderConfig(file).catch((thrown: unknown) => thrown);

    expect(error).toBeInstanceOf(ParascadError);
    expect(error).not.toBeInstanceOf(ConfigError);
    expect(error).toMatchObject({
      code: 'CONFIG_INVALID',
      message: `Config file ${file} does not exist`,
      hint: 'Check the path, or leave the config out to use render_config.yml or project.scad in the current folder.',
    });
  });
});
