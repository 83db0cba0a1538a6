import { describe, expect, it } from 'vitest';
import { createPlainReporter } from '../../src/report/plain-reporter.js';
import type { ReporterOptions } from '../../src/report/reporter.js';
import type { PartEstimate } from '../../src/run/run-event.js';
import { createFakeClock } from './support/fake-clock.js';
import { capture, play } from './support/play.js';
import {
  broken,
  cancelledResult,
  estimates,
  failedResult,
  gear,
  housing,
  job,
  lid,
  okResult,
  partStart,
  projectDir,
  runStart,
  scriptedRun,
  summaryOf,
} from './support/run-fixture.js';

function setup(overrides: Partial<ReporterOptions> = {}) {
  const clock = createFakeClock();
  const stdout = capture();
  const stderr = capture();
  const reporter = createPlainReporter({
    mode: 'plain',
    quiet: false,
    verbose: false,
    color: false,
    cwd: projectDir,
    stdout: stdout.write,
    stderr: stderr.write,
    isTTY: false,
    isCI: true,
    now: clock.now,
    setInterval: clock.setInterval,
    clearInterval: clock.clearInterval,
    heartbeatSeconds: 10,
    ...overrides,
  });
  return { clock, stdout, stderr, reporter };
}

describe('createPlainReporter', () => {
  it('prints the engine, each finished part, retries, a heartbeat every interval and the summary', () => {
    const { clock, stdout, stderr, reporter } = setup({ retries: 2 });
    play(scriptedRun().steps, reporter, clock);
    reporter.close();

    expect(stdout.text()).toBe(
      [
        'engine: wasm (OpenSCAD 2025.01, Manifold) — no native openscad found',
        'rendering 4 parts with 2 workers',
        '↻ housing crashed (worker thread exited with code 1), trying again (2/3)',
        '✓ housing  stl        3.50s  wasm',
        `✗ broken   stl        0.21s  wasm  Assertion 'false' failed: "broken on purpose"`,
        `    project.scad:31: error: Assertion 'false' failed: "broken on purpose"`,
        '… 2/4 done, 2 running (gear_60 10s of ~30s, lid 4s of ~6s), 1 failed, ETA 20s',
        '✓ lid      stl        5.80s  wasm',
        '… 3/4 done, 1 running (gear_60 20s of ~30s), 1 failed, ETA 10s',
        '… 3/4 done, 1 running (gear_60 30s of ~30s), 1 failed, ETA 1s',
        '✓ gear_60  stl 3mf    31.2s  wasm',
        "    3mf written by parascad from OpenSCAD's OFF mesh",
        '',
        '4 parts: 3 ok, 1 failed · 1 retry',
        'wall 31.2s · sum of parts 40.7s · speed-up 1.3× on 2 workers · lower bound 31.2s (100% of ideal)',
        'outputs in outputs/',
        '',
      ].join('\n'),
    );
    expect(stderr.text()).toBe('');
  });

  it('writes no control character at all without colour, and colour escapes only with it', () => {
    const plain = setup();
    play(scriptedRun().steps, plain.reporter, plain.clock);
    // eslint-disable-next-line no-control-regex -- looking for exactly these
    expect(plain.stdout.text()).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F]/);

    const coloured = setup({ color: true });
    play(scriptedRun().steps, coloured.reporter, coloured.clock);
    // eslint-disable-next-line no-control-regex -- looking for exactly these
    const escapes = coloured.stdout.text().match(/\u001B\[[^m]*m/g) ?? [];
    expect(escapes.length).toBeGreaterThan(0);
    // eslint-disable-next-line no-control-regex -- nothing but colours
    expect(coloured.stdout.text().replace(/\u001B\[[0-9;]*m/g, '')).toBe(plain.stdout.text());
  });

  it('names running parts without an estimate without an expected time, gives the time elapsed instead of an ETA, and counts the rest past four', () => {
    const parts = ['a', 'b', 'c', 'd', 'e', 'f'].map((name) => ({ ...gear, id: name, name }));
    const { clock, stdout, reporter } = setup();
    const guess: PartEstimate = { seconds: 3, basis: 'none' };
    reporter.onEvent({
      ...runStart(parts, {}, 8),
      estimates: Object.fromEntries(parts.map((part) => [part.id, guess])),
    });
    for (const part of parts) reporter.onEvent(partStart(part, guess));
    clock.advance(10_000);

    expect(stdout.text().split('\n').at(-2)).toBe(
      '… 0/6 done, 6 running (a 10s, b 10s, c 10s, d 10s, +2 more), 10s elapsed, no ETA: 6 parts have no estimate',
    );
  });

  it('names the expected time of a part estimated from the other engine, with the ETA', () => {
    const { clock, stdout, reporter } = setup();
    const predicted: PartEstimate = { seconds: 29, basis: 'other-engine' };
    reporter.onEvent(runStart([gear], { gear_60: predicted }, 2));
    reporter.onEvent(partStart(gear, predicted));
    clock.advance(10_000);

    expect(stdout.text().split('\n').at(-2)).toBe(
      '… 0/1 done, 1 running (gear_60 10s of ~29s), ETA 19s',
    );
  });

  it('says no heartbeat while nothing runs and stops its timer at the end of the run', () => {
    const { clock, stdout, reporter } = setup();
    reporter.onEvent(runStart([gear], estimates, 2));
    expect(clock.periods()).toEqual([10_000]);
    clock.advance(25_000);
    expect(stdout.text()).not.toContain('…');

    reporter.onEvent(partStart(gear, estimates.gear_60));
    reporter.onEvent({ type: 'part-done', result: okResult(gear, 1) });
    reporter.onEvent({ type: 'run-done', summary: summaryOf([okResult(gear, 1)], 1, 2) });
    expect(clock.active()).toBe(0);
  });

  it('stops its heartbeat when closed after a run that ended without run-done', () => {
    const { clock, reporter } = setup();
    reporter.onEvent(runStart([gear], estimates, 2));
    reporter.close();
    expect(clock.active()).toBe(0);
  });

  it('says how many parts come from the cache, and that none renders when all do', () => {
    const first = setup();
    first.reporter.onEvent({ ...runStart([lid, gear, housing], estimates, 2), cached: 1 });
    const second = setup();
    second.reporter.onEvent({ ...runStart([lid, gear], estimates, 2), cached: 2 });

    expect(first.stdout.text().split('\n')[1]).toBe(
      'rendering 2 parts with 2 workers, 1 from the cache',
    );
    expect(second.stdout.text().split('\n')[1]).toBe('taking all 2 parts from the cache');
  });

  it('says what happens after the first Ctrl-C and lists the parts that never started', () => {
    const { clock, stdout, reporter } = setup();
    reporter.onEvent(runStart([gear, housing, lid], estimates, 2));
    reporter.onEvent(partStart(gear, estimates.gear_60));
    reporter.onEvent(partStart(housing, estimates.housing));
    reporter.onEvent({ type: 'stopping', reason: 'interrupted', running: 2 });
    clock.advance(10_000);
    reporter.onEvent({ type: 'part-done', result: okResult(housing, 12) });
    reporter.onEvent({ type: 'part-done', result: okResult(gear, 14) });
    reporter.onEvent({ type: 'part-done', result: cancelledResult(lid) });
    const results = [okResult(gear, 14), okResult(housing, 12), cancelledResult(lid)];
    reporter.onEvent({ type: 'run-done', summary: summaryOf(results, 14, 2) });

    expect(stdout.text().split('\n')).toEqual([
      'engine: wasm (OpenSCAD 2025.01, Manifold) — no native openscad found',
      'rendering 3 parts with 2 workers',
      'stopping: letting 2 running parts finish — press Ctrl-C again to stop them now',
      '… 0/3 done, 2 running (gear_60 10s of ~30s, housing 10s of ~4s), stopping, ETA 20s',
      '✓ housing  stl        12.0s  wasm',
      '✓ gear_60  stl 3mf    14.0s  wasm',
      '- lid      stl        0.00s  wasm  cancelled',
      '',
      '3 parts: 2 ok, 1 cancelled',
      'wall 14.0s · sum of parts 26.0s · speed-up 1.9× on 2 workers · lower bound 14.0s (100% of ideal)',
      'outputs in outputs/',
      '',
    ]);
  });

  it('lists the first five parts a stop kept from starting and counts the rest', () => {
    const { stdout, reporter } = setup();
    const parts = Array.from({ length: 8 }, (_, index) => job(`p${index}`));
    reporter.onEvent(runStart(parts, {}, 2));
    reporter.onEvent({ type: 'stopping', reason: 'interrupted', running: 0 });
    for (const part of parts)
      reporter.onEvent({ type: 'part-done', result: cancelledResult(part) });
    reporter.onEvent({ type: 'run-done', summary: summaryOf(parts.map(cancelledResult), 0, 2) });

    const lines = stdout.text().split('\n');
    expect(lines.filter((line) => line.startsWith('- p'))).toHaveLength(5);
    expect(lines).toContain('- and 3 more parts that never started (cancelled)');
    expect(lines).toContain('8 parts: 0 ok, 8 cancelled');
  });

  it('says why a fail-fast run stops, and gives no ETA while its running parts are stopped', () => {
    const { clock, stdout, reporter } = setup();
    reporter.onEvent(runStart([broken, gear], estimates, 2));
    reporter.onEvent(partStart(gear, estimates.gear_60));
    reporter.onEvent(partStart(broken, estimates.broken));
    reporter.onEvent({
      type: 'part-done',
      result: failedResult(broken, 0.5, { kind: 'exit-code', code: 1 }),
    });
    reporter.onEvent({ type: 'stopping', reason: 'fail-fast', running: 1 });
    clock.advance(10_000);

    expect(stdout.text().split('\n').slice(2, -1)).toEqual([
      '✗ broken   stl        0.50s  wasm  openscad exited with code 1',
      'stopping after the first failure (--fail-fast)',
      '… 1/2 done, 1 running (gear_60 10s of ~30s), 1 failed, stopping',
    ]);
  });

  it('names the next attempt without a total when the retry limit is not known', () => {
    const { stdout, reporter } = setup();
    reporter.onEvent(runStart([gear], estimates, 1));
    reporter.onEvent({
      type: 'part-retry',
      job: gear,
      attempt: 2,
      failure: { kind: 'timeout', seconds: 30 },
    });
    expect(stdout.text().split('\n').at(-2)).toBe(
      '↻ gear_60 stopped after the 30.0s timeout, trying again (attempt 3)',
    );
  });

  it('says when the next attempt moves to another engine', () => {
    const { stdout, reporter } = setup({ retries: 0 });
    reporter.onEvent(runStart([gear], estimates, 1));
    reporter.onEvent({
      type: 'part-retry',
      job: gear,
      attempt: 1,
      failure: { kind: 'engine-crash', message: 'trapped' },
      nextEngine: 'native',
    });
    expect(stdout.text().split('\n').at(-2)).toBe(
      '↻ gear_60 crashed (trapped), trying again on the native engine',
    );
  });

  it('shows engine choices, retried starts and the OpenSCAD console when verbose', () => {
    const { stdout, reporter } = setup({ verbose: true });
    reporter.onEvent(runStart([lid], estimates, 1));
    reporter.onEvent(partStart(lid, estimates.lid));
    reporter.onEvent(partStart(lid, estimates.lid, 2));
    reporter.onEvent({ type: 'part-done', result: okResult(lid, 5.8) });

    expect(stdout.text().split('\n').slice(2, -1)).toEqual([
      '  started lid on wasm (no native openscad)',
      '  started lid on wasm (no native openscad), attempt 2',
      '✓ lid  stl    5.80s  wasm',
      '    | ECHO: "lid"',
    ]);
  });

  it('shows only failed and cancelled parts, warnings and the summary when quiet, with no heartbeat', () => {
    const { clock, stdout, reporter } = setup({ quiet: true, verbose: true });
    const steps = scriptedRun().steps;
    reporter.onEvent({
      type: 'warning',
      problem: { message: 'unknown annotation //render.qualty', hint: 'did you mean quality?' },
    });
    play(steps, reporter, clock);
    expect(clock.active()).toBe(0);

    expect(stdout.text()).toBe(
      [
        'warning: unknown annotation //render.qualty',
        '  hint: did you mean quality?',
        `✗ broken   stl        0.21s  wasm  Assertion 'false' failed: "broken on purpose"`,
        `    project.scad:31: error: Assertion 'false' failed: "broken on purpose"`,
        '    | ERROR: something broke',
        '',
        '4 parts: 3 ok, 1 failed · 1 retry',
        'wall 31.2s · sum of parts 40.7s · speed-up 1.3× on 2 workers · lower bound 31.2s (100% of ideal)',
        'outputs in outputs/',
        '',
      ].join('\n'),
    );
  });
});
