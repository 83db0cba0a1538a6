import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadProjectConfig } from '../../src/config/load-project-config.js';
import { readProjectConfig } from '../../src/config/read-project-config.js';
import { ConfigError } from '../../src/errors.js';

let temp: string;
beforeEach(async () => {
  temp = await mkdtemp(path.join(tmpdir(), 'parascad-read-config-'));
});
afterEach(async () => {
  await rm(temp, { recursive: true, force: true });
});

async function configFile(lines: readonly string[]): Promise<string> {
  const file = path.join(temp, 'parascad.config.yaml');
  await writeFile(file, [...lines, ''].join('\n'));
  return file;
}

describe('readProjectConfig', () => {
  it('keeps the valid rest of a config with problems, each value still at the text that wrote it', async () => {
    const file = await configFile([
      'jobs: many',
      'files:',
      '  - exclude: [old.scad]',
      '  - path: box.scad',
      '    colour: red',
      '    modules:',
      '      - 42',
      '      - name: lid',
      '        params: { width: 20, depth: { deep: true } }',
    ]);

    const { config, problems } = await readProjectConfig(file);

    // The file's problems as written; leaving values out adds none (the first entry's missing
    // path is one problem, not also a missing entry).
    expect(problems.map((problem) => [problem.location?.line, problem.message])).toEqual([
      [1, 'jobs must be a positive integer, got "many"'],
      [3, 'files[0].path is required'],
      [5, 'unknown key "colour" in files[1]'],
      [7, 'files[1].modules[0] must be a module name or a mapping such as {name: base}, got 42'],
      [
        9,
        'files[1].modules[1].params.depth must be a number, string, boolean, null or a list of those, got a mapping',
      ],
    ]);
    expect(config?.jobs).toBeUndefined();
    expect(config?.files).toHaveLength(1);
    const [box] = config?.files ?? [];
    expect(box?.path).toEqual({
      value: 'box.scad',
      at: { file, line: 4, column: 11, length: 8 },
    });
    expect(box?.modules).toEqual([
      {
        name: { value: 'lid', at: { file, line: 8, column: 15, length: 3 } },
        params: { width: { value: 20, at: { file, line: 9, column: 26, length: 2 } } },
      },
    ]);
  });

  it('gives no config when what is left has no files to check', async () => {
    const file = await configFile(['outDir: build', 'files: box.scad']);

    const { config, problems } = await readProjectConfig(file);

    expect(config).toBeUndefined();
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toMatch(/^files must be a list/);
  });

  it('lets loadProjectConfig throw the same problems', async () => {
    const file = await configFile(['jobs: many', 'files: [{path: box.scad, colour: red}]']);

    const { problems } = await readProjectConfig(file);
    const error: unknown = await loadProjectConfig(file).catch((thrown: unknown) => thrown);

    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual(problems);
    expect(problems).toHaveLength(2);
  });
});
