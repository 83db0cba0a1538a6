import { existsSync } from 'node:fs';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { measureOutput } from '../../src/formats/measure-output.js';
import { compareMeasures } from '../../src/verify/compare-measures.js';
import { copyFixture } from '../support/copy-fixture.js';
import { hasNativeOpenScad, nativeSkipReason } from '../support/has-native-openscad.js';
import { runCli, stopStartedClis } from '../support/run-cli.js';

afterEach(stopStartedClis);

const engines = [
  { engine: 'wasm', available: true, skipReason: '' },
  { engine: 'native', available: hasNativeOpenScad, skipReason: nativeSkipReason },
] as const;

/** One classic fixture of each form: renderer.py's list, an older render_config.yaml, markers. */
const classicForms = ['classic-gateway', 'classic-config-older', 'classic-markers'] as const;

interface ListedPart {
  name: string;
  module: string | null;
  mode: string;
  quality: Record<string, number>;
  qualityFrom: { kind: string; assigned?: { text: string }[] } | null;
  outputs: { format: string; path: string }[];
}

/** What must not change when a project moves over: parts, formats, output paths, effective $fn, mode. */
async function planOf(project: string): Promise<unknown[]> {
  const run = await runCli(['list', '--json'], project);
  expect(run.code, run.stderr).toBe(0);
  return (JSON.parse(run.stdout) as ListedPart[]).map((part) => ({
    name: part.name,
    module: part.module,
    mode: part.mode,
    // Parts that get no $fn from parascad run with the file's own.
    effectiveQuality:
      part.qualityFrom?.kind === 'file'
        ? (part.qualityFrom.assigned ?? []).map((assignment) => assignment.text)
        : part.quality,
    outputs: part.outputs,
  }));
}

describe('parascad migrate', () => {
  it.each(classicForms)(
    'writes a parascad.config.yaml that plans exactly what %s planned',
    async (fixture) => {
      const project = await copyFixture(fixture);
      const before = await planOf(project);

      const migrated = await runCli(['migrate'], project);

      expect(migrated.code, migrated.stderr).toBe(0);
      const written = await readFile(join(project, 'parascad.config.yaml'), 'utf8');
      expect(migrated.stdout).toContain(written);
      // The $schema line parascad init writes: this installation's schema, for editors.
      const schemaLine = written.split('\n')[0] ?? '';
      expect(schemaLine).toMatch(/^# yaml-language-server: \$schema=file:\/\/\S+\.schema\.json$/);
      expect(existsSync(fileURLToPath(schemaLine.slice(schemaLine.indexOf('=') + 1)))).toBe(true);
      expect(written).toMatch(/^ {2}mode: include$/m);
      expect(written).toMatch(/^ {2}quality:/m);
      const after = await runCli(['list'], project);
      expect(after.stdout.split('\n')[0]).toMatch(/^parts from parascad\.config\.yaml · /);
      expect(await planOf(project)).toEqual(before);
    },
  );

  it('never overwrites a project config without --force', async () => {
    const project = await copyFixture('classic-markers');
    await runCli(['migrate'], project);
    const first = await readFile(join(project, 'parascad.config.yaml'), 'utf8');

    const again = await runCli(['migrate'], project);
    const forced = await runCli(['migrate', '--force'], project);

    expect(again.code).toBe(2);
    expect(again.stderr).toContain('exists already; parascad migrate does not overwrite it');
    expect(forced.code, forced.stderr).toBe(0);
    expect(await readFile(join(project, 'parascad.config.yaml'), 'utf8')).toBe(first);
  });

  it('replaces an existing parascad.config.json with --force by JSON that the next run reads', async () => {
    const project = await copyFixture('classic-config-older');
    const before = await planOf(project);
    await writeFile(join(project, 'parascad.config.json'), '{"files":[{"path":"work.scad"}]}\n');

    const migrated = await runCli(['migrate', '--force'], project);

    expect(migrated.code, migrated.stderr).toBe(0);
    expect(migrated.stdout).toContain('wrote parascad.config.json from render_config.yaml');
    expect(existsSync(join(project, 'parascad.config.yaml'))).toBe(false);
    const written = JSON.parse(await readFile(join(project, 'parascad.config.json'), 'utf8')) as {
      $schema: string;
      defaults: { mode: string };
    };
    // The schema as parascad init names it, as the key JSON editors read.
    expect(existsSync(fileURLToPath(written.$schema))).toBe(true);
    expect(written.defaults.mode).toBe('include');
    const after = await runCli(['list'], project);
    expect(after.code, after.stderr).toBe(0);
    expect(after.stdout.split('\n')[0]).toMatch(/^parts from parascad\.config\.json · /);
    expect(await planOf(project)).toEqual(before);
  });

  it('says there is nothing to migrate in a folder with only parascad.config.yaml', async () => {
    const project = await copyFixture('classic-empty');
    await runCli(['init'], project);

    const run = await runCli(['migrate'], project);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      `Nothing to migrate in ${project}: it has parascad.config.yaml, parascad's own config`,
    );
  });

  describe.each(engines)('on the $engine engine', ({ engine, available, skipReason }) => {
    it.skipIf(!available)(
      `renders outputs that measure the same before and after, in every form ${skipReason}`,
      async () => {
        for (const fixture of classicForms) {
          const project = await copyFixture(fixture);
          const classic = await runCli(['render', '--engine', engine, '-o', 'classic'], project);
          await runCli(['migrate'], project);
          const moved = await runCli(['render', '--engine', engine, '-o', 'moved'], project);

          expect(classic.code, classic.stdout + classic.stderr).toBe(0);
          expect(moved.code, moved.stdout + moved.stderr).toBe(0);
          const files = (await readdir(join(project, 'classic'))).sort();
          expect((await readdir(join(project, 'moved'))).sort()).toEqual(files);
          for (const file of files) {
            const format = file.split('.').at(-1) ?? '';
            const reference = measureOutput(format, await readFile(join(project, 'classic', file)));
            const other = measureOutput(format, await readFile(join(project, 'moved', file)));
            expect(reference.kind, `${fixture}/${file}`).not.toBe('none');
            expect(compareMeasures(reference, other), `${fixture}/${file}`).toMatchObject({
              agree: true,
            });
          }
        }
      },
    );
  });
});
