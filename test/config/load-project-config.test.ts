import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadProjectConfig } from '../../src/config/load-project-config.js';
import { ConfigError, ParascadError } from '../../src/errors.js';

const fixture = (name: string): string =>
  fileURLToPath(new URL(`../fixtures/config/${name}`, import.meta.url));

/** A located value of `file` at line:column with the length of its text. */
const placer =
  (file: string) =>
  <T>(value: T, line: number, column: number, length: number) => ({
    value,
    at: { file, line, column, length },
  });

let temp: string;
beforeEach(async () => {
  temp = await mkdtemp(path.join(tmpdir(), 'parascad-project-config-'));
});
afterEach(async () => {
  await rm(temp, { recursive: true, force: true });
});

describe('loadProjectConfig', () => {
  it('reads every setting of a YAML config, each at the text that wrote it', async () => {
    const file = fixture('example/parascad.config.yaml');
    const at = placer(file);

    const config = await loadProjectConfig(file);

    expect(config).toEqual({
      file,
      outDir: at('outputs', 2, 9, 7),
      jobs: at(4, 3, 7, 1),
      defaults: {
        formats: at(['stl'], 5, 12, 5),
        quality: at({ $fn: 64 }, 6, 12, 11),
        timeoutSeconds: at(120, 7, 12, 3),
        engine: at('auto', 8, 11, 4),
        backend: at('manifold', 9, 12, 8),
        mode: at('use', 10, 9, 3),
        output: at('{name}.{format}', 11, 11, 17),
      },
      files: [
        {
          path: at('parts/**/*.scad', 13, 11, 15),
          exclude: [at('parts/wip/**', 14, 15, 12)],
          modules: at('marked', 15, 14, 6),
        },
        {
          path: at('box.scad', 16, 11, 8),
          exclude: [],
          // `.STL` loses its dot and its capitals and becomes a list; the comment is not marked.
          formats: at(['stl'], 17, 14, 4),
          modules: [
            // A bare name is the entry's name, placed at the name.
            { name: at('lid', 19, 9, 3) },
            {
              name: at('base', 20, 15, 4),
              params: {
                width: at(40, 21, 26, 2),
                label: at('big', 21, 37, 5),
                offset: at([1, 2], 21, 52, 6),
                flag: at(true, 21, 66, 4),
                nothing: at(null, 21, 81, 4),
              },
              paramsets: { file: at('box.json', 22, 20, 8), at: at(0, 22, 20, 8).at },
              matrix: {
                size: at([10, 20, 30], 23, 25, 12),
                wall: at([1.2, 2], 23, 45, 8),
              },
              formats: at(['stl', '3mf'], 24, 18, 10),
            },
            {
              name: at('hinge', 25, 15, 5),
              paramsets: {
                at: at(0, 26, 20, 42).at,
                file: at('hinge.json', 26, 28, 10),
                sets: [at('small', 26, 47, 5), at('large', 26, 54, 5)],
              },
              // fn and fs are the same settings as $fn and $fs.
              quality: at({ $fn: 32, $fs: 0.5 }, 27, 18, 19),
              output: at('hinges/{set}-{param.pin}.{format}', 28, 17, 35),
              timeoutSeconds: at(30.5, 29, 18, 4),
              engine: at('native', 30, 17, 6),
              backend: at('cgal', 31, 18, 4),
              mode: at('include', 32, 15, 7),
            },
          ],
        },
        {
          path: at('plate.scad', 33, 11, 10),
          // A single glob is a list of one.
          exclude: [at('plate-old.scad', 34, 14, 14)],
          modules: at('whole', 35, 14, 5),
        },
      ],
    });
  });

  it('reads a JSON config the same way, with places in the JSON text', async () => {
    const file = fixture('example-json/parascad.config.json');
    const at = placer(file);

    const config = await loadProjectConfig(file);

    expect(config).toEqual({
      file,
      outDir: at('build', 3, 13, 7),
      defaults: {
        formats: at(['3mf'], 4, 28, 5),
        quality: at({ $fa: 6, $fs: 0.4 }, 4, 46, 24),
      },
      files: [
        {
          path: at('box.scad', 7, 15, 10),
          exclude: [],
          modules: [
            { name: at('lid', 9, 9, 5) },
            {
              name: at('base', 11, 19, 6),
              params: {
                width: at(40, 12, 32, 2),
                holes: at(
                  [
                    [0, 0],
                    [10, 5],
                  ],
                  12,
                  45,
                  17,
                ),
              },
              matrix: { wall: at([1.2, 2], 13, 31, 8) },
            },
          ],
        },
      ],
    });
  });

  it('gives a file entry without modules its marked modules, placed at the entry', async () => {
    const file = fixture('minimal/parascad.config.yml');
    const at = placer(file);

    const config = await loadProjectConfig(file);

    expect(config).toEqual({
      file,
      defaults: {},
      files: [
        { path: at('project.scad', 2, 11, 12), exclude: [], modules: at('marked', 2, 5, 18) },
      ],
    });
  });

  it('lists each format once, in the order written', async () => {
    const file = path.join(temp, 'parascad.config.yaml');
    await writeFile(
      file,
      'defaults:\n  formats: [stl, 3MF, .stl, svg]\nfiles: [{ path: a.scad }]\n',
    );

    const config = await loadProjectConfig(file);

    expect(config.defaults.formats?.value).toEqual(['stl', '3mf', 'svg']);
  });

  it('points into an aliased value where the anchor wrote it', async () => {
    const file = path.join(temp, 'parascad.config.yaml');
    await writeFile(
      file,
      'defaults:\n  formats: &both [stl, 3mf]\nfiles:\n  - path: a.scad\n    formats: *both\n',
    );

    const config = await loadProjectConfig(file);

    expect(config.files[0]?.formats).toEqual({
      value: ['stl', '3mf'],
      at: { file, line: 2, column: 18, length: 10 },
    });
  });

  it('resolves a relative config path against the current folder', async () => {
    const file = fixture('minimal/parascad.config.yml');

    const config = await loadProjectConfig(path.relative(process.cwd(), file));

    expect(config.file).toBe(file);
  });

  it('refuses a missing config file with CONFIG_INVALID, not as a problem in a file', async () => {
    const file = path.join(temp, 'parascad.config.yaml');

    const error: unknown = await loadProjectConfig(file).catch((thrown: unknown) => thrown);

    expect(error).toBeInstanceOf(ParascadError);
    expect(error).not.toBeInstanceOf(ConfigError);
    expect(error).toMatchObject({
      code: 'CONFIG_INVALID',
      message: `Config file ${file} does not exist`,
      hint: 'Check the path, or leave the config out to use the one in the project folder.',
    });
  });
});
