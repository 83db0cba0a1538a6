import { describe, expect, it } from 'vitest';
import { chooseReporter, createReporter, reporters } from '../../src/report/create-reporter.js';
import type { ReporterOptions } from '../../src/report/reporter.js';
import { createFakeClock } from './support/fake-clock.js';
import { capture } from './support/play.js';
import { estimates, gear, projectDir, runStart } from './support/run-fixture.js';

describe('chooseReporter', () => {
  const terminal = { isTTY: true, isCI: false, quiet: false };

  it('picks the live window for auto on an interactive terminal outside CI, plain elsewhere', () => {
    expect(chooseReporter({ ...terminal, mode: 'auto' })).toBe('live');
    expect(chooseReporter({ ...terminal, mode: 'auto', isTTY: false })).toBe('plain');
    expect(chooseReporter({ ...terminal, mode: 'auto', isCI: true })).toBe('plain');
  });

  it('keeps quiet runs free of the live window', () => {
    expect(chooseReporter({ ...terminal, mode: 'auto', quiet: true })).toBe('plain');
    expect(chooseReporter({ ...terminal, mode: 'live', quiet: true })).toBe('plain');
  });

  it('takes an explicit mode as it is', () => {
    expect(chooseReporter({ ...terminal, mode: 'json' })).toBe('json');
    expect(chooseReporter({ ...terminal, mode: 'plain' })).toBe('plain');
    expect(chooseReporter({ ...terminal, mode: 'live', isTTY: false })).toBe('live');
  });
});

describe('createReporter', () => {
  async function firstWrite(options: Partial<ReporterOptions>): Promise<string> {
    const clock = createFakeClock();
    const stdout = capture();
    const reporter = await createReporter({
      mode: 'auto',
      quiet: false,
      verbose: false,
      color: false,
      cwd: projectDir,
      stdout: stdout.write,
      stderr: stdout.write,
      isTTY: false,
      isCI: false,
      now: clock.now,
      setInterval: clock.setInterval,
      clearInterval: clock.clearInterval,
      ...options,
    });
    reporter.onEvent(runStart([gear], estimates, 1));
    reporter.close();
    return stdout.text();
  }

  it('makes the reporter the options call for, from the registry', async () => {
    expect(Object.keys(reporters).sort()).toEqual(['json', 'live', 'plain']);
    expect(JSON.parse((await firstWrite({ mode: 'json' })).split('\n')[0] ?? '')).toMatchObject({
      type: 'run-start',
    });
    expect(await firstWrite({ mode: 'auto' })).toBe(
      'engine: wasm (OpenSCAD 2025.01, Manifold) — no native openscad found\nrendering 1 part with 1 worker\n',
    );
    // The live reporter draws its window with cursor movements, then erases it on close.
    const live = await firstWrite({ mode: 'auto', isTTY: true });
    expect(live).toContain('░ 0/1 · 0 ok · 0 running');
    expect(live.slice(live.indexOf('░ 0/1'))).toContain('\u001B[1A');
  });
});
