import { cp, readFile, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunReport } from '../../src/report/documents/run-report.js';
import type { RunEvent } from '../../src/run/run-event.js';
import { eventSchemaFile } from '../../scripts/generate-event-schema.js';
import { reportSchemaFile } from '../../scripts/generate-report-schema.js';
import { copyFixture } from '../support/copy-fixture.js';
import { hasNativeOpenScad, nativeSkipReason } from '../support/has-native-openscad.js';
import { runCli, stopStartedClis } from '../support/run-cli.js';

afterEach(stopStartedClis);

const ajv = new Ajv2020({ allErrors: true, strict: false });
const validReport = ajv.compile(JSON.parse(await readFile(reportSchemaFile, 'utf8')) as object);
const validEvent = ajv.compile(JSON.parse(await readFile(eventSchemaFile, 'utf8')) as object);

async function render(project: string, ...args: string[]) {
  const run = await runCli(
    ['render', '--engine', 'wasm', '--report', 'json=run.json', ...args],
    project,
  );
  return { ...run, report: await readReport(project) };
}

async function readReport(project: string): Promise<RunReport> {
  const report = JSON.parse(await readFile(join(project, 'run.json'), 'utf8')) as RunReport;
  expect(validReport(report), JSON.stringify(validReport.errors)).toBe(true);
  return report;
}

async function edit(file: string, from: string, to: string): Promise<void> {
  const text = await readFile(file, 'utf8');
  expect(text).toContain(from);
  await writeFile(file, text.replace(from, to));
}

describe('what changed since the last run', () => {
  it('says nothing the first time, then which parts changed, with their deltas, and which are gone', async () => {
    const project = await copyFixture('e2e-kit');
    const scad = join(project, 'project.scad');
    const first = await render(project, '--report', 'html=gallery');
    expect(first.stdout).not.toContain('since the last run');
    const gallery = await readFile(join(project, 'gallery/data/gallery.js'), 'utf8');
    expect(gallery).not.toContain('since the previous run');
    expect(gallery).not.toContain('"change"');
    // Nothing to compare with: the report says nothing either, nor does any part.
    expect(first.report.changes).toBeUndefined();
    expect(first.report.parts.filter((part) => part.changes !== undefined)).toEqual([]);

    const again = await render(project);
    expect(again.stdout).toContain('since the last run: 4 unchanged');
    expect(again.report.parts.find((part) => part.name === 'disc')?.changes?.status).toBe(
      'unchanged',
    );

    await cp(join(project, 'outputs'), join(project, 'before'), { recursive: true });
    const oldDisc = await readFile(join(project, 'outputs/disc.stl'));
    await edit(scad, 'cylinder(r = 10, h = 2)', 'cylinder(r = 10, h = 3)');
    const edited = await render(project);
    expect(edited.stdout).toContain('since the last run: 1 changed · 3 unchanged');
    expect(edited.stdout).toMatch(/~ disc {2}stl: volume \+\d+(\.\d+)? mm³, size z \+1 mm/);
    const disc = edited.report.parts.find((part) => part.name === 'disc')?.changes;
    expect(disc?.status).toBe('changed');
    const stl = disc?.outputs['stl'];
    expect(stl?.status).toBe('changed');
    expect(stl?.volumeDelta).toBeCloseTo(
      stl?.previous?.facts?.kind === '3d' ? stl.previous.facts.volume / 2 : 0,
      3,
    );
    expect(stl?.boundsDelta).toEqual({ min: [0, 0, 0], max: [0, 0, 1] });
    // The old mesh for a side-by-side view: the cache's copy of the previous bytes.
    const previous = stl?.previous;
    expect(previous?.digest).toBe(createHash('sha256').update(oldDisc).digest('hex'));
    expect(previous?.file).toContain(join('.parascad', 'cache', 'blobs'));
    expect(await readFile(previous?.file ?? '')).toEqual(oldDisc);

    await edit(
      scad,
      'module block(size = [10, 10, 10]) //render.model.stl //render.model.off',
      'module block(size = [10, 10, 10])',
    );
    const gone = await render(project, '--no-cache', '--json');
    const done = gone.stdout
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as RunEvent)
      .find((event) => event.type === 'run-done');
    expect(validEvent(done), JSON.stringify(validEvent.errors)).toBe(true);
    if (done?.type !== 'run-done') throw new Error('no run-done event');
    expect(done.summary.changes?.gone).toEqual([
      { id: expect.stringMatching(/^project\.scad#block/) as string, name: 'block' },
    ]);
    expect(gone.report.changes).toMatchObject({ unchanged: 3, changed: 0, new: 0 });
    // With --no-cache, the previous bytes are not kept anywhere: the recorded facts only.
    const plate = gone.report.parts.find((part) => part.name === 'plate')?.changes?.outputs['svg'];
    expect(plate?.previous?.facts?.kind).toBe('2d');
    expect(plate?.previous?.file).toBeUndefined();

    const baseline = await render(project, '--baseline', 'before');
    expect(baseline.stdout).toContain('against before: 1 changed · 2 gone · 2 unchanged');
    expect(baseline.report.changes).toMatchObject({
      against: 'baseline',
      baseline: join(project, 'before'),
    });
    expect(baseline.report.changes?.gone.map((part) => part.name)).toEqual([
      'block.off',
      'block.stl',
    ]);
    const fromBaseline = baseline.report.parts.find((part) => part.name === 'disc')?.changes
      ?.outputs['stl'];
    expect(fromBaseline?.previous?.file).toBe(join(project, 'before', 'disc.stl'));
  });

  it.skipIf(!hasNativeOpenScad)(
    `compares another engine's outputs by their measures: the same model is unchanged, an edit is not ${nativeSkipReason}`,
    async () => {
      const project = await copyFixture('e2e-kit');
      // Other bytes, other triangles: OpenSCAD 2021's CGAL, then 2025's Manifold.
      await runCli(['render', '--engine', 'native', '--no-cache'], project);
      const wasm = await render(project, '--no-cache');
      expect(wasm.stdout).toContain(
        'since the last run: 4 unchanged (4 rendered on another engine than before: the same volume, area and size within rounding)',
      );
      const disc = wasm.report.parts.find((part) => part.name === 'disc')?.changes;
      expect(disc).toMatchObject({
        status: 'unchanged',
        engines: { previous: 'native', current: 'wasm' },
        outputs: { stl: { status: 'same-geometry' } },
      });

      await edit(
        join(project, 'project.scad'),
        'cylinder(r = 10, h = 2)',
        'cylinder(r = 10, h = 2.01)',
      );
      const native = await runCli(
        ['render', '--engine', 'native', '--no-cache', '--report', 'json=run.json'],
        project,
      );
      expect(native.stdout).toContain('since the last run: 1 changed · 3 unchanged (3 rendered');
      expect(native.stdout).toMatch(
        /~ disc {2}stl: volume \+\d+(\.\d+)? mm³, size z \+0\.01 mm \(native; wasm before\)/,
      );
      expect(
        (await readReport(project)).parts.find((part) => part.name === 'disc')?.changes,
      ).toMatchObject({
        status: 'changed',
        engines: { previous: 'wasm', current: 'native' },
      });
    },
  );

  it('does not take the gallery a baseline holds for gone parts', async () => {
    const project = await copyFixture('e2e-kit');
    const first = await runCli(
      ['render', 'disc', '--engine', 'wasm', '--report', 'html=outputs/gallery'],
      project,
    );
    expect(first.code, first.stderr).toBe(0);
    await cp(join(project, 'outputs'), join(project, 'before'), { recursive: true });
    const baseline = await render(project, 'disc', '--baseline', 'before');
    expect(baseline.stdout).toContain('against before: 1 unchanged');
    expect(baseline.report.changes?.gone).toEqual([]);
  });

  it('refuses a --baseline that is not a folder before rendering anything', async () => {
    const project = await copyFixture('e2e-kit');
    const run = await runCli(['render', '--baseline', 'nowhere'], project);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--baseline nowhere: no such folder');
  });
});
