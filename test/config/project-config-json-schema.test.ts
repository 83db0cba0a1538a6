import { readFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configSchemaFile, configSchemaText } from '../../scripts/generate-config-schema.js';
import { loadProjectConfig } from '../../src/config/load-project-config.js';
import { projectConfigJsonSchema } from '../../src/config/project-config-json-schema.js';
import { exportSuffixes } from '../../src/plan/export-formats.js';
import { checkJsonSchema } from './check-json-schema.js';

const fixture = (name: string): string =>
  fileURLToPath(new URL(`../fixtures/config/${name}`, import.meta.url));

const schema = projectConfigJsonSchema();

let temp: string;
beforeAll(async () => {
  temp = await mkdtemp(path.join(tmpdir(), 'parascad-config-schema-'));
});
afterAll(async () => {
  await rm(temp, { recursive: true, force: true });
});

/** Whether the loader accepts `text` as a YAML config. */
async function loaderAccepts(text: string): Promise<boolean> {
  const file = path.join(temp, 'parascad.config.yaml');
  await writeFile(file, text);
  return loadProjectConfig(file).then(
    () => true,
    () => false,
  );
}

describe('the published JSON Schema', () => {
  it('is what the generator makes from the zod schema now (run npm run schema if not)', async () => {
    expect(await readFile(configSchemaFile, 'utf8')).toBe(await configSchemaText());
  });

  it('says what it is and helps in editors with a description on every setting', () => {
    expect(schema).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      title: 'parascad project config',
      type: 'object',
      required: ['files'],
      additionalProperties: false,
    });
    const properties = (at: Record<string, unknown>): Record<string, Record<string, unknown>> =>
      at['properties'] as Record<string, Record<string, unknown>>;
    const root = properties(schema);
    const fileEntry = (root['files']?.['items'] ?? {}) as Record<string, unknown>;
    for (const [key, property] of [
      ...Object.entries(root),
      ...Object.entries(properties(fileEntry)),
    ]) {
      expect(property['description'], key).toEqual(expect.any(String));
    }
  });

  it.each([
    'example/parascad.config.yaml',
    'example-json/parascad.config.json',
    'minimal/parascad.config.yml',
  ])('accepts the example %s, as the loader does', async (name) => {
    const text = await readFile(fixture(name), 'utf8');

    expect(checkJsonSchema(schema, parse(text))).toEqual([]);
    await expect(loadProjectConfig(fixture(name))).resolves.toBeDefined();
  });

  it.each([
    ['files: [{ path: a.scad }]\nfromats: stl\n', '/: has unknown key fromats'],
    ['outDir: out\n', '/: misses files'],
    ['files: []\n', '/files: has fewer than 1 items'],
    [
      'files: [{ path: a.scad, engine: wasn }]\n',
      '/files/0/engine: not one of ["auto","native","wasm","hybrid"]',
    ],
    ['files: [{ path: a.scad, formats: stll }]\n', '/files/0/formats: matches no anyOf option'],
    ['files: [{ path: a.scad, modules: marke }]\n', '/files/0/modules: matches no anyOf option'],
    [
      'defaults: { quality: { $fn: 0 } }\nfiles: [{ path: a.scad }]\n',
      '/defaults/quality/$fn: is not above 0',
    ],
    [
      'defaults: { output: "{fromat}" }\nfiles: [{ path: a.scad }]\n',
      '/defaults/output: does not match',
    ],
    ['jobs: 2.5\nfiles: [{ path: a.scad }]\n', '/jobs: not of type integer'],
    [
      'files: [{ path: a.scad, modules: [{ name: b, params: { 2x: 1 } }] }]\n',
      '/files/0/modules: matches no anyOf option',
    ],
    [
      'files: [{ path: a.scad, modules: [{ name: b, matrix: { size: [] } }] }]\n',
      '/files/0/modules: matches no anyOf option',
    ],
  ])('rejects %j, as the loader does', async (text, error) => {
    const errors = checkJsonSchema(schema, parse(text));

    expect(errors.join('\n')).toContain(error);
    expect(await loaderAccepts(text)).toBe(false);
  });

  it('accepts the spellings the loader accepts beyond the plain ones', async () => {
    const text =
      'defaults: { formats: .STL, quality: { fn: 12 }, output: "{param.$fn}/{name}.{format}" }\n' +
      'files: [{ path: a.scad, exclude: b.scad, modules: [lid, { name: $base, params: { $fn: 8 } }] }]\n';

    expect(checkJsonSchema(schema, parse(text))).toEqual([]);
    expect(await loaderAccepts(text)).toBe(true);
  });

  it('lists the export formats as an enum, so that editors complete them', () => {
    const text = JSON.stringify(schema);
    const enums = [...text.matchAll(/"enum":(\[[^\]]*\])/g)].map(
      (match) => JSON.parse(match[1] ?? '[]') as string[],
    );

    expect(enums).toContainEqual([...exportSuffixes()]);
    expect(exportSuffixes()).toEqual(expect.arrayContaining(['stl', '3mf', 'dxf', 'svg', 'pdf']));
    expect(
      checkJsonSchema(schema, { files: [{ path: 'a.scad', formats: ['STL', '.3mf'] }] }),
    ).toEqual([]);
  });
});
