import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { ConfigError, ParascadError } from '../../../src/errors.js';
import { buildRunReport, failureCategory } from '../../../src/report/documents/build-run-report.js';
import { collectRun } from '../../../src/report/documents/collect-run.js';
import type { RunEvent } from '../../../src/run/run-event.js';
import { reportSchemaFile, reportSchemaText } from '../../../scripts/generate-report-schema.js';
import {
  assertionFailed,
  broken,
  failedResult,
  gear,
  lid,
  okResult,
  projectDir,
  runStart,
  scadFile,
  scriptedRun,
} from '../support/run-fixture.js';

const validate = new Ajv2020({ allErrors: true, strict: false }).compile(
  JSON.parse(readFileSync(reportSchemaFile, 'utf8')) as Record<string, unknown>,
);

const options = {
  strict: false,
  failFast: false,
  retries: 0,
  cache: 'on',
  thumbnails: false,
  targets: [],
} as const;

/** A clock that starts at noon and moves a second each time it is read. */
function clock(): () => Date {
  let seconds = 0;
  return () => new Date(Date.UTC(2026, 11, 2, 12, 0, seconds++));
}

function eventsOf(steps: ReturnType<typeof scriptedRun>['steps']): RunEvent[] {
  return steps.flatMap((step) => ('wait' in step ? [] : [step]));
}

function asJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

describe('the run report', () => {
  it('is valid against the published schema, which the zod schemas generate now', async () => {
    expect(readFileSync(reportSchemaFile, 'utf8')).toBe(await reportSchemaText());
    const collector = collectRun({ version: '9.9.9', cwd: '/work', options, now: clock() });
    for (const event of eventsOf(scriptedRun().steps)) collector.onEvent(event);
    const report = await buildRunReport(collector.finish({ interrupted: false }));
    expect(validate(asJson(report)), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...(asJson(report) as object), extra: 1 })).toBe(false);
  });

  it('says what ran, with which engines, and every part in the order of the plan', async () => {
    const collector = collectRun({ version: '9.9.9', cwd: '/work', options, now: clock() });
    for (const event of eventsOf(scriptedRun().steps)) collector.onEvent(event);
    const report = await buildRunReport(collector.finish({ interrupted: false }));
    expect(report.parascad).toEqual({ version: '9.9.9' });
    expect(report.run).toMatchObject({
      outcome: 'failed',
      startedAt: '2026-12-02T12:00:00.000Z',
      endedAt: '2026-12-02T12:00:01.000Z',
      seconds: 1,
      projectDir,
      cwd: '/work',
      concurrency: 2,
      engines: [{ id: 'wasm', version: '2025.01', backend: 'manifold' }],
      options,
    });
    expect(report.totals).toEqual({
      parts: 4,
      ok: 3,
      failed: 1,
      cancelled: 0,
      cached: 0,
      warnings: 0,
      partSeconds: 31.2 + 3.5 + 0.21 + 5.8,
    });
    expect(report.parts.map((part) => part.name)).toEqual(['gear_60', 'housing', 'broken', 'lid']);
  });

  it('gives each part its engine, timings, outputs with both paths, and failures with file:line', async () => {
    const collector = collectRun({ version: '1', cwd: '/work', options, now: clock() });
    for (const event of eventsOf(scriptedRun().steps)) collector.onEvent(event);
    const report = await buildRunReport(collector.finish({ interrupted: false }));
    const [gearPart, housingPart, brokenPart] = report.parts;
    expect(gearPart).toMatchObject({
      id: gear.id,
      file: scadFile,
      relativeFile: 'project.scad',
      module: 'gear_60',
      status: 'ok',
      engine: { id: 'wasm', version: '2025.01', backend: 'manifold' },
      seconds: 31.2,
      attempts: 1,
      cached: false,
      requestedAt: { file: scadFile, relativePath: 'project.scad', line: 12 },
    });
    expect(gearPart?.outputs[1]).toEqual({
      format: '3mf',
      path: `${projectDir}/outputs/gear_60.3mf`,
      relativePath: 'outputs/gear_60.3mf',
      bytes: 4000,
      // The fixture's files do not exist: a report never invents a digest.
      digest: null,
      summary: '180 triangles',
      note: "3mf written by parascad from OpenSCAD's OFF mesh",
    });
    expect(housingPart?.attempts).toBe(2);
    expect(brokenPart?.failure).toEqual({
      kind: 'openscad-error',
      category: 'failure',
      message: `Assertion 'false' failed: "broken on purpose"`,
      location: { file: scadFile, relativePath: 'project.scad', line: 31 },
      reason: expect.objectContaining({ kind: 'openscad-error' }) as unknown,
    });
    expect(brokenPart?.diagnostics).toEqual([
      {
        severity: 'error',
        message: `Assertion 'false' failed: "broken on purpose"`,
        location: { file: scadFile, relativePath: 'project.scad', line: 31 },
        code: 'assertion-failed',
        fatal: true,
      },
    ]);
  });

  it('lists the parts in the order of the plan, not the order they started or finished in', async () => {
    const collector = collectRun({ version: '1', cwd: '/work', options, now: clock() });
    // Started slowest first, as the schedule has it; planned lid, broken, gear.
    collector.onEvent(runStart([gear, broken, lid], {}, 2, [lid, broken, gear]));
    for (const part of [broken, lid]) {
      collector.onEvent({ type: 'part-done', result: okResult(part, 1) });
    }
    const report = await buildRunReport(collector.finish({ interrupted: true }));
    expect(report.parts.map((part) => [part.name, part.status])).toEqual([
      ['lid', 'ok'],
      ['broken', 'ok'],
      ['gear_60', 'cancelled'],
    ]);
  });

  it('reports the parts an interrupted run never finished as cancelled', async () => {
    const collector = collectRun({ version: '1', cwd: '/work', options, now: clock() });
    collector.onEvent(runStart([broken, lid], {}, 1));
    const report = await buildRunReport(collector.finish({ interrupted: true }));
    expect(report.run.outcome).toBe('cancelled');
    expect(report.parts.map((part) => [part.name, part.status, part.failure?.category])).toEqual([
      ['broken', 'cancelled', 'cancelled'],
      ['lid', 'cancelled', 'cancelled'],
    ]);
    expect(validate(asJson(report)), JSON.stringify(validate.errors)).toBe(true);
  });

  it('counts as cached the ok parts taken from the cache, not one that --strict failed', async () => {
    const cachedFrom = {
      key: 'k',
      renderedAt: '2026-12-01T00:00:00.000Z',
      runId: 'r',
      seconds: 2,
      engine: { id: 'wasm', version: '2025.01', backend: 'manifold' },
    } as const;
    const collector = collectRun({ version: '1', cwd: '/work', options, now: clock() });
    collector.onEvent(runStart([lid, broken], {}, 1));
    collector.onEvent({ type: 'part-done', result: { ...okResult(lid, 0), cached: cachedFrom } });
    const strictFailure = { kind: 'strict', warnings: 1, first: assertionFailed(31) } as const;
    collector.onEvent({
      type: 'part-done',
      result: { ...failedResult(broken, 0, strictFailure), cached: cachedFrom },
    });
    const report = await buildRunReport(collector.finish({ interrupted: false }));
    expect(report.totals).toMatchObject({ ok: 1, failed: 1, cached: 1 });
    expect(report.parts.map((part) => part.cached)).toEqual([true, true]);
  });

  it('names the engine and version of parts that all came from the cache, no engine started', async () => {
    const cachedFrom = {
      key: 'k',
      renderedAt: '2026-12-01T00:00:00.000Z',
      runId: 'r',
      seconds: 2,
      engine: { id: 'native', version: '2021.01', backend: 'cgal' },
    } as const;
    const collector = collectRun({ version: '1', cwd: '/work', options, now: clock() });
    collector.onEvent({
      ...runStart([lid, gear], {}, 1),
      engines: { explanation: 'engine: none started: every part comes from the cache' },
    });
    for (const part of [lid, gear]) {
      collector.onEvent({
        type: 'part-done',
        result: { ...okResult(part, 0), engine: 'native', cached: cachedFrom },
      });
    }
    const report = await buildRunReport(collector.finish({ interrupted: false }));
    expect(report.run.engines).toEqual([{ id: 'native', version: '2021.01', backend: 'cgal' }]);
    expect(report.parts.map((part) => part.engine)).toEqual([
      { id: 'native', version: '2021.01', backend: 'cgal' },
      { id: 'native', version: '2021.01', backend: 'cgal' },
    ]);
    expect(validate(asJson(report)), JSON.stringify(validate.errors)).toBe(true);
  });

  it('records a run that could not start, with its error', async () => {
    const collector = collectRun({ version: '1', cwd: '/work', options, now: clock() });
    const error = new ParascadError('NOTHING_TO_RENDER', 'No part to render', 'Check the names.');
    const report = await buildRunReport(collector.finish({ error, interrupted: false }));
    expect(report.run).toMatchObject({
      outcome: 'error',
      error: { code: 'NOTHING_TO_RENDER', message: 'No part to render', hint: 'Check the names.' },
    });
    expect(report.parts).toEqual([]);
    expect(validate(asJson(report)), JSON.stringify(validate.errors)).toBe(true);
  });

  it('records each problem of a configuration that kept the run from starting, at its place', async () => {
    const collector = collectRun({ version: '1', cwd: '/work', options, now: clock() });
    const error = new ConfigError([
      {
        message: 'no file matches nope.scad',
        location: { file: '/work/parascad.config.yaml', line: 2, column: 11, length: 9 },
        hint: 'paths and globs are looked up from /work',
      },
      { message: 'unknown key "modulez" in files[0]' },
    ]);
    const report = await buildRunReport(collector.finish({ error, interrupted: false }));
    expect(report.run.error).toEqual({
      code: 'CONFIG_INVALID',
      message: '2 problems in the project configuration',
      problems: [
        {
          message: 'no file matches nope.scad',
          location: {
            file: '/work/parascad.config.yaml',
            relativePath: 'parascad.config.yaml',
            line: 2,
            column: 11,
          },
          hint: 'paths and globs are looked up from /work',
        },
        { message: 'unknown key "modulez" in files[0]' },
      ],
    });
    expect(validate(asJson(report)), JSON.stringify(validate.errors)).toBe(true);
  });

  it('tells failures of the model or a policy from errors of the run', () => {
    const warning = {
      severity: 'warning',
      message: 'Object may not be a valid 2-manifold',
      fatal: false,
    } as const;
    expect(failureCategory({ kind: 'strict', warnings: 1, first: warning })).toBe('failure');
    expect(failureCategory({ kind: 'invalid-output', format: 'stl', message: 'empty' })).toBe(
      'failure',
    );
    expect(failureCategory({ kind: 'timeout', seconds: 5 })).toBe('error');
    expect(failureCategory({ kind: 'engine-crash', message: 'trap' })).toBe('error');
    expect(failureCategory({ kind: 'cancelled' })).toBe('cancelled');
  });
});
