import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse, type TestSuites } from 'junit2json';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunReport } from '../../src/report/documents/run-report.js';
import { reportSchemaFile } from '../../scripts/generate-report-schema.js';
import { copyFixture } from '../support/copy-fixture.js';
import { runCli, startCli, stopStartedClis } from '../support/run-cli.js';

afterEach(stopStartedClis);

const validate = new Ajv2020({ allErrors: true, strict: false }).compile(
  JSON.parse(await readFile(reportSchemaFile, 'utf8')) as Record<string, unknown>,
);

async function readReport(file: string): Promise<RunReport> {
  const report = JSON.parse(await readFile(file, 'utf8')) as RunReport;
  expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
  return report;
}

describe('parascad render --report', () => {
  it('writes the whole run as one JSON document, failed parts included, and exits 1 for them', async () => {
    const project = await copyFixture('e2e-kit');
    const summaryFile = join(project, 'step-summary.md');
    await writeFile(summaryFile, '# earlier step\n');
    const run = await runCli(
      [
        'render',
        '--engine',
        'wasm',
        '--report',
        'json=reports/run.json',
        '--report',
        'json=b.json',
        '--report',
        'junit=reports/junit.xml',
      ],
      project,
      {
        GITHUB_ACTIONS: 'true',
        GITHUB_WORKSPACE: dirname(project),
        GITHUB_STEP_SUMMARY: summaryFile,
      },
    );
    expect(run.code, run.stderr).toBe(1);
    const report = await readReport(join(project, 'reports/run.json'));
    expect(await readFile(join(project, 'b.json'), 'utf8')).toBe(
      await readFile(join(project, 'reports/run.json'), 'utf8'),
    );
    expect(report.run).toMatchObject({
      outcome: 'failed',
      projectDir: project,
      cwd: project,
      options: { engine: 'wasm', strict: false, cache: 'on' },
    });
    expect(report.run.engines.map((engine) => engine.id)).toEqual(['wasm']);
    const broken = report.parts.find((part) => part.name === 'broken');
    expect(broken).toMatchObject({
      status: 'failed',
      failure: {
        kind: 'openscad-error',
        category: 'failure',
        location: { relativePath: 'project.scad', line: expect.any(Number) as number },
      },
    });
    expect(broken?.failure?.message).toContain('broken on purpose');
    const disc = report.parts.find((part) => part.name === 'disc');
    const stl = disc?.outputs[0];
    expect(stl).toMatchObject({
      format: 'stl',
      relativePath: 'outputs/disc.stl',
      path: join(project, 'outputs/disc.stl'),
      facts: { kind: '3d', closed: true, openEdges: 0, nonManifoldEdges: 0 },
    });
    const bytes = await readFile(join(project, 'outputs/disc.stl'));
    expect(stl?.digest).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(stl?.bytes).toBe(bytes.length);
    expect(disc?.engine?.version).toMatch(/^20\d\d/);
    const plate = report.parts.find((part) => part.name === 'plate');
    expect(plate?.outputs.map((output) => output.facts?.kind)).toEqual(['2d', '2d']);
    // Nothing half-written stays behind.
    expect((await readdir(join(project, 'reports'))).sort()).toEqual(['junit.xml', 'run.json']);

    const junit = (await parse(
      await readFile(join(project, 'reports/junit.xml'), 'utf8'),
    )) as TestSuites;
    const [suite] = junit.testsuite ?? [];
    expect(suite?.name).toBe('project.scad');
    expect(suite?.testcase?.map((each) => each.name).sort()).toEqual(
      report.parts.map((part) => part.name).sort(),
    );
    const brokenCase = suite?.testcase?.find((each) => each.name === 'broken');
    expect(brokenCase?.classname).toBe('project.scad');
    expect(brokenCase?.failure?.[0]?.message).toMatch(/^project\.scad:\d+: .*broken on purpose/);
    expect(brokenCase?.['system-out']?.[0]).toContain('broken on purpose');

    // Under GitHub Actions: an annotation for the failure, paths relative to the workspace.
    const line = broken?.failure?.location?.line ?? 0;
    expect(run.stdout).toContain(
      `::error file=e2e-kit/project.scad,line=${line},title=broken failed::`,
    );
    const summary = await readFile(summaryFile, 'utf8');
    expect(summary.startsWith('# earlier step\n### parascad: ❌')).toBe(true);
    const rows = summary
      .split('\n')
      .filter(
        (row) => row.startsWith('| ') && !row.startsWith('| part') && !row.startsWith('| ---'),
      );
    expect(rows[0]).toMatch(/^\| broken \| ❌ failed \| /);
    expect(rows).toHaveLength(report.parts.length);
  });

  it('under --json, writes the annotations to stderr and keeps stdout for the events', async () => {
    const project = await copyFixture('e2e-kit');
    const run = await runCli(['render', 'broken', '--engine', 'wasm', '--json'], project, {
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: project,
      GITHUB_STEP_SUMMARY: '',
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^::error file=project\.scad,line=\d+,title=broken failed::/m);
    for (const line of run.stdout.split('\n').filter((each) => each !== '')) {
      expect(() => JSON.parse(line) as unknown).not.toThrow();
    }
  });

  it('writes the report of a run that could not start, and still exits 2', async () => {
    const project = await copyFixture('e2e-kit');
    const run = await runCli(['render', 'no-such-part', '--report', 'json=run.json'], project);
    expect(run.code).toBe(2);
    const report = await readReport(join(project, 'run.json'));
    expect(report.run.outcome).toBe('error');
    expect(report.run.error?.code).toBeDefined();
    expect(report.parts).toEqual([]);
  });

  it('fails the JUnit report of a run whose configuration is wrong, and carries each problem with its place', async () => {
    const project = await mkdtemp(join(tmpdir(), 'parascad-config-error-'));
    await writeFile(
      join(project, 'parascad.config.yaml'),
      'files:\n  - path: nope.scad\n    modulez: whole\n',
    );
    const run = await runCli(
      ['render', '--report', 'json=r.json', '--report', 'junit=j.xml', '--report', 'html=g'],
      project,
    );
    expect(run.code, run.stderr).toBe(2);
    const report = await readReport(join(project, 'r.json'));
    expect(
      report.run.error?.problems.map((problem) => [
        problem.location?.relativePath,
        problem.location?.line,
        problem.message,
      ]),
    ).toEqual([
      ['parascad.config.yaml', 2, 'no file matches nope.scad'],
      ['parascad.config.yaml', 3, 'unknown key "modulez" in files[0]'],
    ]);
    const junit = (await parse(await readFile(join(project, 'j.xml'), 'utf8'))) as TestSuites;
    expect(junit).toMatchObject({ tests: 2, errors: 2 });
    expect(
      junit.testsuite
        ?.flatMap((suite) => suite.testcase ?? [])
        .map((each) => each.error?.[0]?.message),
    ).toEqual([
      'parascad.config.yaml:2: no file matches nope.scad',
      'parascad.config.yaml:3: unknown key "modulez" in files[0]',
    ]);
    const gallery = await readFile(join(project, 'g/data/gallery.js'), 'utf8');
    expect(gallery).toContain('no file matches nope.scad');
    expect(gallery).toContain('parascad.config.yaml:3');
  });

  it('names the engine and its version when every part comes from the cache', async () => {
    const project = await copyFixture('e2e-kit');
    const first = await runCli(['render', 'disc', '--engine', 'wasm'], project);
    expect(first.code, first.stderr).toBe(0);
    const cached = await runCli(
      [
        'render',
        'disc',
        '--engine',
        'wasm',
        '--report',
        'json=run.json',
        '--report',
        'junit=junit.xml',
        '--report',
        'html=gallery',
      ],
      project,
    );
    expect(cached.stdout).toContain('every part came from the cache');
    const report = await readReport(join(project, 'run.json'));
    const [engine] = report.run.engines;
    expect(report.run.engines).toHaveLength(1);
    expect(engine?.version).toMatch(/^20\d\d/);
    const version = engine?.version ?? '';
    expect(report.parts[0]?.engine).toEqual({ id: 'wasm', version, backend: 'manifold' });
    const junit = (await parse(await readFile(join(project, 'junit.xml'), 'utf8'))) as TestSuites;
    expect(junit.testsuite?.[0]?.properties).toEqual([
      { name: 'engines', value: `wasm ${version}` },
    ]);
    const gallery = await readFile(join(project, 'gallery/data/gallery.js'), 'utf8');
    expect(gallery).toContain(`"engine":"wasm ${version} (manifold)"`);
  });

  it("lists the parts in the plan's order, whatever order they started in", async () => {
    const project = await copyFixture('e2e-kit');
    // From the cache, badge starts first; the others start slowest first.
    await runCli(['render', 'badge', '--engine', 'wasm'], project);
    await runCli(
      [
        'render',
        '--engine',
        'wasm',
        '--report',
        'json=run.json',
        '--report',
        'junit=junit.xml',
        '--report',
        'html=gallery',
      ],
      project,
    );
    const planned = ['disc', 'plate', 'block', 'badge', 'broken'];
    const report = await readReport(join(project, 'run.json'));
    expect(report.parts.map((part) => part.name)).toEqual(planned);
    const junit = (await parse(await readFile(join(project, 'junit.xml'), 'utf8'))) as TestSuites;
    expect(junit.testsuite?.[0]?.testcase?.map((each) => each.name)).toEqual(planned);
    const script = await readFile(join(project, 'gallery/data/gallery.js'), 'utf8');
    const gallery = JSON.parse(script.slice(script.indexOf('{'), script.lastIndexOf('}') + 1)) as {
      parts: { name: string; status: string }[];
    };
    // Failures first, then each status in the plan's order.
    const statuses = ['failed', 'cancelled', 'warnings', 'ok'];
    expect(gallery.parts.map((part) => part.name)).toEqual(
      statuses.flatMap((status) =>
        planned.filter((name) =>
          gallery.parts.some((part) => part.name === name && part.status === status),
        ),
      ),
    );
  });

  it('replaces an earlier gallery, but not one the user put files of their own into', async () => {
    const project = await copyFixture('e2e-kit');
    const args = ['render', 'disc', 'plate', '--engine', 'wasm', '--report', 'html=gallery'];
    expect((await runCli(args, project)).code).toBe(0);
    const again = await runCli(args, project);
    expect(again.code, again.stderr).toBe(0);
    await writeFile(join(project, 'gallery/NOTES.md'), 'mine');
    await mkdir(join(project, 'gallery/sketches'));
    const refused = await runCli(args, project);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      `could not write the html report to ${join(project, 'gallery')}: ${join(project, 'gallery')} is an earlier gallery holding files of your own (NOTES.md, sketches)`,
    );
    expect(await readFile(join(project, 'gallery/NOTES.md'), 'utf8')).toBe('mine');
    // Neither the new gallery under its temporary name nor the old one moved aside stays behind.
    expect((await readdir(project)).filter((name) => /parascad-(gallery|old)/.test(name))).toEqual(
      [],
    );
  });

  it('records the options that decided the outputs: quality, -D, STL form, limits, thumbnails', async () => {
    const project = await copyFixture('e2e-kit');
    const run = await runCli(
      [
        'render',
        'disc',
        '-f',
        'project.scad',
        '--engine',
        'wasm',
        '--quality',
        '12',
        '-D',
        'unused=3',
        '--stl',
        'binary',
        '--max-memory',
        '2G',
        '--timeout',
        '60',
        '--thumbnails',
        '-o',
        'out',
        '--report',
        'json=run.json',
      ],
      project,
    );
    expect(run.code, run.stderr).toBe(0);
    const report = await readReport(join(project, 'run.json'));
    expect(report.run.options).toEqual({
      engine: 'wasm',
      quality: 12,
      defines: ['unused=3'],
      stl: 'binary',
      maxMemoryBytes: 2 * 1024 ** 3,
      timeoutSeconds: 60,
      thumbnails: true,
      outDir: 'out',
      strict: false,
      failFast: false,
      retries: 0,
      cache: 'on',
      targets: ['disc', 'project.scad'],
    });
  });

  it('refuses an unknown kind with the one meant, before rendering anything', async () => {
    const project = await copyFixture('e2e-kit');
    const run = await runCli(['render', '--report', 'jsn=run.json'], project);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown report kind "jsn"');
    expect(run.stderr).toContain('did you mean json?');
    const missing = await runCli(['render', '--report', 'run.json'], project);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('expected KIND=PATH');
  });

  it('says so and exits 1 when a report cannot be written, and writes the others', async () => {
    const project = await copyFixture('e2e-kit');
    // A folder that is a file: no permission trick that root would ignore.
    const run = await runCli(
      [
        'render',
        'disc',
        '--engine',
        'wasm',
        '--report',
        'json=project.scad/run.json',
        '--report',
        'json=ok.json',
      ],
      project,
    );
    expect(run.stderr).toContain(
      `could not write the json report to ${join(project, 'project.scad/run.json')}`,
    );
    expect(run.code).toBe(1);
    expect((await readReport(join(project, 'ok.json'))).run.outcome).toBe('passed');
  });

  it('writes the reports of an interrupted run, its unfinished parts cancelled, and exits 130', async () => {
    const project = await copyFixture('e2e-slow');
    let interrupted = false;
    const { done } = startCli(
      [
        'render',
        '--engine',
        'wasm',
        '-j',
        '1',
        '--verbose',
        '--report',
        'json=run.json',
        '--report',
        'junit=junit.xml',
      ],
      project,
      (stdout, child) => {
        if (!interrupted && stdout.includes('started slow')) {
          interrupted = true;
          child.kill('SIGINT');
        }
      },
    );
    const run = await done;
    expect(run.code, run.stdout + run.stderr).toBe(130);
    const report = await readReport(join(project, 'run.json'));
    expect(report.run.outcome).toBe('cancelled');
    expect(report.parts.find((part) => part.name === 'quick')?.status).toBe('cancelled');
    const junit = (await parse(await readFile(join(project, 'junit.xml'), 'utf8'))) as TestSuites;
    const quick = junit.testsuite?.[0]?.testcase?.find((each) => each.name === 'quick');
    expect(quick?.skipped).toHaveLength(1);
    expect(quick?.failure).toBeUndefined();
  });
});
