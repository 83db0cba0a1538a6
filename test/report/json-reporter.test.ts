import { describe, expect, it } from 'vitest';
import { createJsonReporter } from '../../src/report/json-reporter.js';
import type { ReporterOptions } from '../../src/report/reporter.js';
import { createFakeClock } from './support/fake-clock.js';
import { capture, play } from './support/play.js';
import { gear, projectDir, runStart, estimates, scriptedRun } from './support/run-fixture.js';

function setup(overrides: Partial<ReporterOptions> = {}) {
  const clock = createFakeClock();
  const stdout = capture();
  const stderr = capture();
  const reporter = createJsonReporter({
    mode: 'json',
    quiet: false,
    verbose: false,
    color: true,
    cwd: projectDir,
    stdout: stdout.write,
    stderr: stderr.write,
    isTTY: true,
    isCI: false,
    now: clock.now,
    setInterval: clock.setInterval,
    clearInterval: clock.clearInterval,
    ...overrides,
  });
  return { clock, stdout, stderr, reporter };
}

function linesOf(text: string): Record<string, unknown>[] {
  expect(text.endsWith('\n')).toBe(true);
  return text
    .slice(0, -1)
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('createJsonReporter', () => {
  it('writes one JSON object per event and line, type first, and nothing else', () => {
    const { clock, stdout, stderr, reporter } = setup();
    reporter.onEvent({ type: 'warning', problem: { message: 'unknown annotation' } });
    play(scriptedRun().steps, reporter, clock);
    reporter.close();

    const events = linesOf(stdout.text());
    expect(events.map((event) => event['type'])).toEqual([
      'warning',
      'run-start',
      'part-start',
      'part-start',
      'part-retry',
      'part-start',
      'part-done',
      'part-start',
      'part-done',
      'part-start',
      'part-done',
      'part-done',
      'run-done',
    ]);
    for (const event of events) expect(Object.keys(event)[0]).toBe('type');
    expect(clock.active()).toBe(0);
    expect(stderr.text()).toBe('');
    // Colour is for people: none in JSON, whatever the option says.
    expect(stdout.text()).not.toContain('\u001B');
  });

  it('serialises each event as the library emits it, the run-done summary included', () => {
    const { clock, stdout, reporter } = setup();
    const run = scriptedRun();
    play(run.steps, reporter, clock);
    const events = linesOf(stdout.text());
    const emitted = run.steps.filter((step) => !('wait' in step));
    expect(events).toEqual(JSON.parse(JSON.stringify(emitted)));
    expect(events[0]).toMatchObject({
      type: 'run-start',
      jobs: [
        { id: 'project.scad#gear_60', name: 'gear_60' },
        { name: 'housing' },
        { name: 'broken' },
        { name: 'lid' },
      ],
    });
    const brokenDone = events.find(
      (event) =>
        event['type'] === 'part-done' &&
        (event['result'] as { status: string }).status === 'failed',
    );
    expect(brokenDone).toMatchObject({
      result: {
        job: { name: 'broken' },
        engine: 'wasm',
        failure: { kind: 'openscad-error' },
        console: 'ERROR: something broke\n',
      },
    });
  });

  it('reports the stopping as an event and tells the person at the terminal on stderr', () => {
    const { stdout, stderr, reporter } = setup();
    reporter.onEvent(runStart([gear], estimates, 1));
    reporter.onEvent({ type: 'stopping', reason: 'interrupted', running: 2 });

    expect(linesOf(stdout.text()).at(-1)).toEqual({
      type: 'stopping',
      reason: 'interrupted',
      running: 2,
    });
    expect(stderr.text()).toBe(
      'stopping: letting 2 running parts finish — press Ctrl-C again to stop them now\n',
    );
  });

  it('writes a warning with its problem, place and hint', () => {
    const { stdout, reporter } = setup();
    reporter.onEvent({
      type: 'warning',
      problem: {
        message: 'unknown annotation //render.qualty',
        location: { file: '/work/desk/project.scad', line: 3, column: 3, length: 14 },
        hint: 'did you mean quality?',
      },
    });
    expect(linesOf(stdout.text())).toEqual([
      {
        type: 'warning',
        problem: {
          message: 'unknown annotation //render.qualty',
          location: { file: '/work/desk/project.scad', line: 3, column: 3, length: 14 },
          hint: 'did you mean quality?',
        },
      },
    ]);
  });
});
