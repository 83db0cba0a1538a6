import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, type TestSuites } from 'junit2json';
import { describe, expect, it } from 'vitest';
import { ConfigError, ParascadError } from '../../../src/errors.js';
import { buildRunReport } from '../../../src/report/documents/build-run-report.js';
import { collectRun } from '../../../src/report/documents/collect-run.js';
import { writeJunitReport } from '../../../src/report/documents/write-junit-report.js';
import type { RunReport } from '../../../src/report/documents/run-report.js';
import type { RenderJob } from '../../../src/plan/render-job.js';
import type { RunEvent } from '../../../src/run/run-event.js';
import {
  cancelledResult,
  failedResult,
  job,
  projectDir,
  scriptedRun,
} from '../support/run-fixture.js';

const options = {
  strict: false,
  failFast: false,
  retries: 0,
  cache: 'on',
  thumbnails: false,
  targets: [],
} as const;

/** The scripted run, plus a part in another file that timed out and one that was cancelled. */
async function report(): Promise<RunReport> {
  const { steps } = scriptedRun();
  const events = steps.flatMap((step) => ('wait' in step ? [] : [step]));
  const inSlowFile = (name: string): RenderJob => {
    const scadFile = `${projectDir}/parts/slow.scad`;
    return {
      ...job(name),
      id: `parts/slow.scad#${name}`,
      scadFile,
      requestedAt: { file: scadFile, line: 10 },
    };
  };
  const slow = inSlowFile('slow');
  const later = inSlowFile('later');
  const start = events[0] as Extract<RunEvent, { type: 'run-start' }>;
  const collector = collectRun({ version: '1', cwd: projectDir, options });
  collector.onEvent({ ...start, jobs: [...start.jobs, slow, later] });
  for (const event of events.slice(1, -1)) collector.onEvent(event);
  collector.onEvent({
    type: 'part-done',
    result: failedResult(slow, 60, { kind: 'timeout', seconds: 60 }),
  });
  collector.onEvent({ type: 'part-done', result: cancelledResult(later) });
  return buildRunReport(collector.finish({ interrupted: false }));
}

async function readBack(file: string): Promise<TestSuites> {
  const parsed = await parse(await readFile(file, 'utf8'));
  if (parsed === null || parsed === undefined || !('testsuite' in parsed)) {
    throw new Error('not a <testsuites> document');
  }
  return parsed;
}

describe('--report junit=FILE', () => {
  it('reads back, with an independent parser, as a suite per file and a case per part', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'parascad-junit-'));
    const file = join(folder, 'junit.xml');
    await writeJunitReport(await report(), file, { cwd: folder, env: {}, warn: () => undefined });
    expect(await readdir(folder)).toEqual(['junit.xml']);
    const suites = await readBack(file);
    expect(suites).toMatchObject({ tests: 6, failures: 1, errors: 1 });
    expect(
      suites.testsuite?.map((suite) => [
        suite.name,
        suite.tests,
        suite.failures,
        suite.errors,
        suite.skipped,
      ]),
    ).toEqual([
      ['project.scad', 4, 1, 0, 0],
      ['parts/slow.scad', 2, 0, 1, 1],
    ]);
    const [project, slowFile] = suites.testsuite ?? [];
    expect(project?.time).toBeCloseTo(31.2 + 3.5 + 0.21 + 5.8, 5);
    expect(project?.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/);
    expect(project?.properties).toEqual([{ name: 'engines', value: 'wasm 2025.01' }]);

    const cases = project?.testcase ?? [];
    expect(cases.map((each) => [each.classname, each.name, each.time])).toEqual([
      ['project.scad', 'gear_60', 31.2],
      ['project.scad', 'housing', 3.5],
      ['project.scad', 'broken', 0.21],
      ['project.scad', 'lid', 5.8],
    ]);
    const [gear, , broken] = cases;
    // junit2json reads what its types leave out too: a case's file and properties.
    expect(gear).toMatchObject({
      file: 'project.scad',
      properties: [
        { name: 'engine', value: 'wasm 2025.01' },
        { name: 'cached', value: 'false' },
        { name: 'output.stl', value: 'outputs/gear_60.stl' },
        { name: 'output.3mf', value: 'outputs/gear_60.3mf' },
      ],
    });
    expect(gear?.failure).toBeUndefined();
    expect(gear?.error).toBeUndefined();
    expect(gear?.skipped).toBeUndefined();
    expect(broken?.failure).toEqual([
      {
        message: `project.scad:31: Assertion 'false' failed: "broken on purpose"`,
        type: 'openscad-error',
        inner: `project.scad:31: ERROR: Assertion 'false' failed: "broken on purpose"`,
      },
    ]);
    expect(broken?.['system-out']).toEqual(['ERROR: something broke\n']);

    const [slow, later] = slowFile?.testcase ?? [];
    expect(slow).toMatchObject({ classname: 'parts/slow.scad', name: 'slow', time: 60 });
    expect(slow?.failure).toBeUndefined();
    expect(slow?.error).toEqual([
      {
        // A part without a diagnostic points at where the user asked for it.
        message: 'parts/slow.scad:10: stopped after the 1m 00s timeout',
        type: 'timeout',
      },
    ]);
    expect(later).toMatchObject({
      name: 'later',
      skipped: [
        {
          message:
            'the run stopped before this part finished (Ctrl-C, or --fail-fast at a failure)',
        },
      ],
    });
    expect(later?.error).toBeUndefined();
  });

  it('fails a run whose configuration kept it from starting, with an error per problem at its file:line', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'parascad-junit-'));
    const file = join(folder, 'junit.xml');
    const collector = collectRun({ version: '1', cwd: projectDir, options });
    const error = new ConfigError([
      {
        message: 'no file matches nope.scad',
        location: { file: `${projectDir}/parascad.config.yaml`, line: 2, column: 11 },
        hint: 'paths and globs are looked up from the project folder',
      },
      { message: 'unknown key "modulez" in files[0]' },
    ]);
    const failed = await buildRunReport(collector.finish({ error, interrupted: false }));
    await writeJunitReport(failed, file, { cwd: folder, env: {}, warn: () => undefined });
    const suites = await readBack(file);
    expect(suites).toMatchObject({ tests: 2, failures: 0, errors: 2 });
    const cases = suites.testsuite?.[0]?.testcase ?? [];
    expect(cases.map((each) => [each.classname, each.name, each.error])).toEqual([
      [
        'parascad.config.yaml',
        'no file matches nope.scad',
        [
          {
            message: 'parascad.config.yaml:2: no file matches nope.scad',
            type: 'CONFIG_INVALID',
            inner: 'paths and globs are looked up from the project folder',
          },
        ],
      ],
      [
        'parascad',
        'unknown key "modulez" in files[0]',
        [{ message: 'unknown key "modulez" in files[0]', type: 'CONFIG_INVALID' }],
      ],
    ]);
  });

  it('fails a run that could not start for another reason with one error case', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'parascad-junit-'));
    const file = join(folder, 'junit.xml');
    const collector = collectRun({ version: '1', cwd: projectDir, options });
    const error = new ParascadError('NOTHING_TO_RENDER', 'No part to render', 'Check the names.');
    const failed = await buildRunReport(collector.finish({ error, interrupted: false }));
    await writeJunitReport(failed, file, { cwd: folder, env: {}, warn: () => undefined });
    const suites = await readBack(file);
    expect(suites).toMatchObject({ tests: 1, errors: 1 });
    expect(suites.testsuite?.[0]?.testcase?.[0]?.error).toEqual([
      { message: 'No part to render', type: 'NOTHING_TO_RENDER', inner: 'Check the names.' },
    ]);
  });
});
