import { describe, expect, it } from 'vitest';
import { createLiveReporter } from '../../src/report/live-reporter.js';
import { createPlainReporter } from '../../src/report/plain-reporter.js';
import type { ReporterOptions } from '../../src/report/reporter.js';
import { createFakeClock } from './support/fake-clock.js';
import { capture, play } from './support/play.js';
import {
  broken,
  estimates,
  failedResult,
  gear,
  housing,
  lid,
  okResult,
  partStart,
  projectDir,
  runStart,
  scriptedRun,
  summaryOf,
} from './support/run-fixture.js';
import { createVirtualTerminal } from './support/virtual-terminal.js';

function setup(overrides: Partial<ReporterOptions> = {}) {
  const clock = createFakeClock();
  const terminal = createVirtualTerminal();
  const stdout = capture();
  const reporter = createLiveReporter({
    mode: 'live',
    quiet: false,
    verbose: false,
    color: false,
    cwd: projectDir,
    stdout: (text) => {
      stdout.write(text);
      terminal.write(text);
    },
    stderr: () => {
      throw new Error('the live reporter writes nothing to stderr');
    },
    isTTY: true,
    isCI: false,
    columns: 100,
    now: clock.now,
    setInterval: clock.setInterval,
    clearInterval: clock.clearInterval,
    ...overrides,
  });
  return { clock, terminal, stdout, reporter };
}

const header = [
  'engine: wasm (OpenSCAD 2025.01, Manifold) — no native openscad found',
  'rendering 4 parts with 2 workers',
];

describe('createLiveReporter', () => {
  it('draws a window under the permanent lines with the bar, the running parts and the ETA', () => {
    const { clock, terminal, reporter } = setup();
    reporter.onEvent(runStart([gear, housing, broken, lid], estimates, 2));
    expect(terminal.screen()).toEqual([
      ...header,
      '░░░░░░░░░░░░░░░░░░░░ 0/4 · 0 ok · 0 running · ETA 30s',
    ]);

    reporter.onEvent(partStart(gear, estimates.gear_60));
    reporter.onEvent(partStart(housing, estimates.housing));
    clock.advance(12_100);
    expect(terminal.screen()).toEqual([
      ...header,
      // 12.1 s of gear_60's 30 s and 90% of housing's 4 s (it is past them), of 41 s: 8 of 20 cells.
      '████████░░░░░░░░░░░░ 0/4 · 0 ok · 2 running · ETA 18s',
      '  gear_60   12.1s of ~30s',
      '  housing   12.1s of ~4s',
    ]);
    expect(terminal.cursor()).toEqual({ row: 5, column: 0 });
  });

  it('shows the time elapsed instead of a wrong ETA while a part has no estimate, and the expected time of one estimated from the other engine', () => {
    const { clock, terminal, reporter } = setup();
    const predicted = { seconds: 29, basis: 'other-engine' } as const;
    const guess = { seconds: 1, basis: 'none' } as const;
    reporter.onEvent(
      runStart([gear, housing, broken, lid], { ...estimates, gear_60: predicted, lid: guess }, 2),
    );
    reporter.onEvent(partStart(gear, predicted));
    reporter.onEvent(partStart(lid, guess));
    clock.advance(10_000);
    expect(terminal.screen().slice(2)).toEqual([
      // gear_60 weighs its 29 s, lid the median estimate (4 s) but nothing until it is done:
      // 10 of 29 + 4 + 1 + 4 seconds.
      '█████░░░░░░░░░░░░░░░ 0/4 · 0 ok · 2 running · 10s elapsed · no ETA: 1 part has no estimate',
      '  gear_60   10.0s of ~29s',
      '  lid       10.0s',
    ]);

    reporter.onEvent({ type: 'part-done', result: okResult(lid, 10) });
    clock.advance(100);
    expect(terminal.screen().slice(2, 4)).toEqual([
      '✓ lid      stl        10.0s  wasm',
      // lid done counts its weight; every part left has a basis.
      '███████░░░░░░░░░░░░░ 1/4 · 1 ok · 1 running · ETA 19s',
    ]);
  });

  it('prints finished parts above the window and lists the failures so far in it', () => {
    const { clock, terminal, reporter } = setup();
    reporter.onEvent(runStart([gear, housing, broken, lid], estimates, 2));
    reporter.onEvent(partStart(gear, estimates.gear_60));
    reporter.onEvent(partStart(broken, estimates.broken));
    clock.advance(1_000);
    reporter.onEvent({
      type: 'part-done',
      result: failedResult(broken, 1, { kind: 'exit-code', code: 1 }),
    });
    reporter.onEvent(partStart(housing, estimates.housing, 2));
    clock.advance(100);

    expect(terminal.screen()).toEqual([
      ...header,
      '✗ broken   stl        1.00s  wasm  openscad exited with code 1',
      // One part of four is done, but only broken's 1 s (and 1.2 s rendered) of 41 s of work.
      '█░░░░░░░░░░░░░░░░░░░ 1/4 · 0 ok · 1 failed · 2 running · ETA 29s',
      '  gear_60    1.1s of ~30s',
      '  housing    0.1s of ~4s (try 2)',
      '  failed: broken',
    ]);
  });

  it('writes at most one frame per 100 ms, holding lines that arrive in between for the next one', () => {
    const { clock, stdout, terminal, reporter } = setup();
    reporter.onEvent(runStart([gear, housing, broken, lid], estimates, 2));
    reporter.onEvent(partStart(housing, estimates.housing));
    reporter.onEvent(partStart(lid, estimates.lid));
    const before = stdout.writes.length;
    reporter.onEvent({ type: 'part-done', result: okResult(housing, 0.02) });
    reporter.onEvent(partStart(broken, estimates.broken));
    reporter.onEvent({ type: 'part-done', result: okResult(lid, 0.03) });
    clock.advance(99);
    expect(stdout.writes.length).toBe(before);

    clock.advance(1);
    expect(stdout.writes.length).toBe(before + 1);
    expect(terminal.screen().slice(2, 4)).toEqual([
      '✓ housing  stl        0.02s  wasm',
      '✓ lid      stl        0.03s  wasm',
    ]);
  });

  it('erases the window before the summary, leaving what the plain report says', () => {
    const live = setup({ retries: 2 });
    play(scriptedRun().steps, live.reporter, live.clock);
    live.reporter.close();

    const clock = createFakeClock();
    const plain = capture();
    play(
      scriptedRun().steps,
      createPlainReporter({
        mode: 'plain',
        quiet: false,
        verbose: false,
        color: false,
        cwd: projectDir,
        stdout: plain.write,
        stderr: plain.write,
        isTTY: false,
        isCI: false,
        now: clock.now,
        setInterval: clock.setInterval,
        clearInterval: clock.clearInterval,
        // No heartbeat within the run: the live window stands in for it.
        heartbeatSeconds: 60,
        retries: 2,
      }),
      clock,
    );
    const screen = live.terminal.screen();
    expect(screen).toEqual(plain.text().trimEnd().split('\n'));
    expect(screen.join('\n')).not.toMatch(/[█░]/);
    expect(live.terminal.cursor()).toEqual({ row: screen.length, column: 0 });
    expect(live.clock.active()).toBe(0);
  });

  it('cuts window lines to the terminal width so none wraps', () => {
    const { clock, terminal, reporter } = setup({ columns: 30 });
    reporter.onEvent(runStart([gear, housing, broken, lid], estimates, 2));
    reporter.onEvent(partStart(gear, estimates.gear_60));
    clock.advance(100);

    expect(terminal.screen().slice(2)).toEqual([
      '░░░░░░░░░░░░░░░░░░░░ 0/4 · 0 …',
      '  gear_60    0.1s of ~30s',
    ]);
  });

  it('stops redrawing and leaves no window behind when closed in the middle of a run', () => {
    const { clock, stdout, terminal, reporter } = setup();
    reporter.onEvent(runStart([gear, housing, broken, lid], estimates, 2));
    reporter.onEvent(partStart(gear, estimates.gear_60));
    clock.advance(500);
    reporter.onEvent({ type: 'stopping', reason: 'interrupted', running: 1 });
    clock.advance(100);
    expect(terminal.screen()).toHaveLength(header.length + 3);
    reporter.close();
    const written = stdout.writes.length;
    clock.advance(1_000);

    expect(stdout.writes.length).toBe(written);
    expect(clock.active()).toBe(0);
    expect(terminal.screen()).toEqual([
      ...header,
      'stopping: letting the running part finish — press Ctrl-C again to stop it now',
    ]);
  });
});

describe('createLiveReporter and the cursor', () => {
  const hide = '\u001B[?25l';
  const show = '\u001B[?25h';
  /** Whether the cursor is visible after everything written so far. */
  const visible = (text: string): boolean => text.lastIndexOf(show) >= text.lastIndexOf(hide);

  function withExitHooks() {
    const hooks = new Set<() => void>();
    const onExit = (listener: () => void): (() => void) => {
      hooks.add(listener);
      return () => hooks.delete(listener);
    };
    const exit = (): void => {
      for (const hook of hooks) hook();
    };
    return { hooks, onExit, exit };
  }

  it('hides the cursor while drawing and shows it again at the end of the run', () => {
    const exits = withExitHooks();
    const { stdout, reporter } = setup({ onExit: exits.onExit });
    reporter.onEvent(runStart([gear, lid], estimates, 2));
    expect(stdout.text()).toContain(hide);
    expect(visible(stdout.text())).toBe(false);
    expect(exits.hooks.size).toBe(1);
    reporter.onEvent({ type: 'part-done', result: okResult(gear, 1) });
    reporter.onEvent({ type: 'part-done', result: okResult(lid, 1) });
    reporter.onEvent({
      type: 'run-done',
      summary: summaryOf([okResult(gear, 1), okResult(lid, 1)], 1, 2),
    });
    expect(visible(stdout.text())).toBe(true);
    expect(exits.hooks.size).toBe(0);
  });

  it('shows the cursor when the run ends in an error and the reporter is closed', () => {
    const { stdout, reporter } = setup({ onExit: withExitHooks().onExit });
    reporter.onEvent(runStart([gear, lid], estimates, 2));
    reporter.close();
    expect(visible(stdout.text())).toBe(true);
  });

  it('shows the cursor when the process exits in the middle of a run (a signal, an uncaught exception)', () => {
    const exits = withExitHooks();
    const { stdout, reporter } = setup({ onExit: exits.onExit });
    reporter.onEvent(runStart([gear, lid], estimates, 2));
    reporter.onEvent(partStart(gear, estimates.gear_60));
    exits.exit();
    expect(visible(stdout.text())).toBe(true);
  });
});
