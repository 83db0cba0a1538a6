import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunEvent } from '../../src/run/run-event.js';
import { eventSchemaFile } from '../../scripts/generate-event-schema.js';
import { copyFixture } from '../support/copy-fixture.js';
import { runCli, stopStartedClis } from '../support/run-cli.js';

afterEach(stopStartedClis);

const validate = new Ajv2020({ allErrors: true, strict: false }).compile(
  JSON.parse(readFileSync(eventSchemaFile, 'utf8')) as Record<string, unknown>,
);

function eventsOf(stdout: string): RunEvent[] {
  return stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as RunEvent);
}

/** Every event valid against the published schema, each failure naming its event's type. */
function expectEachValid(events: readonly RunEvent[]): void {
  for (const event of events) {
    expect({ type: event.type, valid: validate(event), errors: validate.errors ?? [] }).toEqual({
      type: event.type,
      valid: true,
      errors: [],
    });
  }
}

describe('parascad render --json', () => {
  it("writes the library's events, each valid against the published schema", async () => {
    const project = await copyFixture('e2e-kit');
    const run = await runCli(['render', '--engine', 'wasm', '--json'], project);
    expect(run.code).toBe(1);
    const events = eventsOf(run.stdout);
    expect(events[0]?.type).toBe('run-start');
    expect(events.at(-1)?.type).toBe('run-done');
    expectEachValid(events);
    const done = events.flatMap((event) => (event.type === 'part-done' ? [event.result] : []));
    expect(done.find((result) => result.job.name === 'broken')).toMatchObject({
      status: 'failed',
      failure: { kind: 'openscad-error' },
    });
    expect(done.find((result) => result.job.name === 'disc')?.outputs[0]).toMatchObject({
      format: 'stl',
      facts: { kind: '3d', closed: true, openEdges: 0, nonManifoldEdges: 0 },
    });
  });

  it('writes valid events for parts placed at their declaration and files with their own $fn', async () => {
    const project = await copyFixture('classic-empty');
    // A 2D module marked stl fails at its marker; a whole file keeps its own top-level $fn.
    await writeFile(
      join(project, 'flat.scad'),
      'module flat() //render.model.stl\n{ square(2); }\n',
    );
    await writeFile(join(project, 'own.scad'), '$fn = 12;\ncylinder(r = 1, h = 1);\n');
    const run = await runCli(
      ['render', 'flat.scad', 'own.scad', '--engine', 'wasm', '--json', '--no-cache'],
      project,
    );
    expect(run.code).toBe(1);
    const events = eventsOf(run.stdout);
    expectEachValid(events);
    const done = events.flatMap((event) => (event.type === 'part-done' ? [event.result] : []));
    expect(done.find((result) => result.job.name === 'flat')?.status).toBe('failed');
    expect(done.find((result) => result.job.name === 'own')?.job.qualityFrom).toMatchObject({
      kind: 'file',
      assigned: [{ text: '$fn = 12' }],
    });
  });

  it('writes a configuration error as a run-error event on stdout, and the text on stderr', async () => {
    const project = await copyFixture('classic-config-unknown-keys');
    const run = await runCli(['render', '--json'], project);
    expect(run.code).toBe(2);
    const events = eventsOf(run.stdout);
    expect(events).toHaveLength(1);
    const [event] = events;
    if (event?.type !== 'run-error') throw new Error('expected a run-error event');
    expect(event.error.code).toBe('CONFIG_INVALID');
    expect(event.error.problems.length).toBeGreaterThan(1);
    expect(event.error.problems[0]?.location?.line).toBeGreaterThan(0);
    expect(validate(event)).toBe(true);
    expect(run.stderr).toContain('render_config.yml');
  });

  it('writes a usage error as a run-error event too', async () => {
    const project = await copyFixture('e2e-kit');
    const run = await runCli(['render', '--json', '--fail-fast', '--keep-going'], project);
    expect(run.code).toBe(2);
    expect(eventsOf(run.stdout)).toEqual([
      {
        type: 'run-error',
        error: {
          code: 'USAGE',
          message: '--fail-fast and --keep-going contradict each other',
          problems: [],
        },
      },
    ]);
  });
});
