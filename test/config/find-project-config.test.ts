import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findProjectConfig } from '../../src/config/find-project-config.js';
import { ConfigError } from '../../src/errors.js';

const fixture = (name: string): string =>
  fileURLToPath(new URL(`../fixtures/config/${name}`, import.meta.url));

let temp: string;
beforeEach(async () => {
  temp = await mkdtemp(path.join(tmpdir(), 'parascad-find-config-'));
});
afterEach(async () => {
  await rm(temp, { recursive: true, force: true });
});

describe('findProjectConfig', () => {
  it.each([
    ['example', 'parascad.config.yaml'],
    ['minimal', 'parascad.config.yml'],
    ['example-json', 'parascad.config.json'],
  ])('finds the config of %s by its name %s', async (folder, name) => {
    expect(await findProjectConfig(fixture(folder))).toBe(path.join(fixture(folder), name));
  });

  it('returns an absolute path for a relative folder', async () => {
    const folder = path.relative(process.cwd(), fixture('minimal'));

    expect(await findProjectConfig(folder)).toBe(
      path.join(fixture('minimal'), 'parascad.config.yml'),
    );
  });

  it('finds nothing in a folder without a config, or with only other YAML files', async () => {
    await writeFile(path.join(temp, 'render_config.yml'), 'scad_file: a.scad\n');
    await writeFile(path.join(temp, 'parascad.yaml'), 'files: []\n');

    expect(await findProjectConfig(temp)).toBeUndefined();
  });

  it('finds nothing in a folder that does not exist', async () => {
    expect(await findProjectConfig(path.join(temp, 'missing'))).toBeUndefined();
  });

  it('takes a folder named like a config for no config', async () => {
    await mkdir(path.join(temp, 'parascad.config.yaml'));

    expect(await findProjectConfig(temp)).toBeUndefined();
  });

  it('refuses two configs in one folder as ambiguous, naming both', async () => {
    const folder = fixture('ambiguous');

    const error: unknown = await findProjectConfig(folder).catch((thrown: unknown) => thrown);

    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      {
        message: `ambiguous project config: ${folder} has both parascad.config.yaml and parascad.config.json`,
        hint: 'keep one of them; parascad reads one config per folder',
      },
    ]);
  });

  it('names all three when all three are there', async () => {
    for (const name of ['parascad.config.json', 'parascad.config.yml', 'parascad.config.yaml']) {
      await writeFile(path.join(temp, name), '');
    }

    const error: unknown = await findProjectConfig(temp).catch((thrown: unknown) => thrown);

    expect((error as ConfigError).problems[0]?.message).toBe(
      `ambiguous project config: ${temp} has parascad.config.yaml, parascad.config.yml and parascad.config.json`,
    );
  });
});
