import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture } from '../support/copy-fixture.js';
import {
  eventually,
  isRunning,
  processesMarkedBy,
  recordedPids,
  writeFakeEngine,
} from '../support/fake-engine.js';
import { findOnPath } from '../../src/engines/native/find-on-path.js';
import { startCliDetached } from '../support/start-cli-detached.js';

let project: string;
beforeAll(async () => {
  project = await copyFixture('faults-fake');
});
afterAll(async () => {
  await rm(dirname(project), { recursive: true, force: true });
});

const start = (args: readonly string[]) => startCliDetached(args, project);

/** A helper that leaves the process group through a double fork and holds the output pipes open. */
const detachedHelper = `( setsid sh -c 'trap "" TERM; echo $$ >> PIDS; exec sleep 1000' & )`;

describe.skipIf(process.platform !== 'linux')('parascad under process faults', () => {
  it('enforces the timeout on an engine that ignores SIGTERM and leaves a detached helper, and leaves no process', async () => {
    const engine = await writeFakeEngine(
      dirname(project),
      'stubborn-openscad',
      `trap '' TERM\n${detachedHelper}\nwhile :; do sleep 1; done`,
    );
    const run = await start([
      'render',
      'first',
      'second',
      '--engine',
      'native',
      '--openscad',
      engine.path,
      '-t',
      '2',
      '-j',
      '2',
    ]).done;
    expect(run.code, run.stdout + run.stderr).toBe(1);
    expect(run.stdout).toMatch(/first.*timed out|first[\s\S]*timeout/i);
    expect(run.stdout).toMatch(/0 ok|2 failed/);
    const pids = await recordedPids(engine.pidFile);
    expect(pids).toHaveLength(4);
    expect(await eventually(() => pids.every((pid) => !isRunning(pid)))).toBe(true);
  });

  it('stops at once on SIGTERM while the engine and its detached helper run, and leaves no process', async () => {
    const engine = await writeFakeEngine(
      dirname(project),
      'sleeping-openscad',
      `${detachedHelper}\nexec sleep 1000`,
    );
    const cli = start([
      'render',
      'first',
      'second',
      '--engine',
      'native',
      '--openscad',
      engine.path,
      '-j',
      '2',
    ]);
    expect(await eventually(async () => (await recordedPids(engine.pidFile)).length === 4)).toBe(
      true,
    );
    process.kill(cli.pid, 'SIGTERM');
    const run = await cli.done;
    expect(run.code, run.stdout + run.stderr).toBe(130);
    const pids = await recordedPids(engine.pidFile);
    expect(await eventually(() => pids.every((pid) => !isRunning(pid)))).toBe(true);
  });

  it('leaves no process behind when parascad and its process group are killed with SIGKILL, Xvfb under xvfb-run included', async () => {
    const xvfb = (await findOnPath('xvfb-run')) !== undefined;
    const engine = await writeFakeEngine(
      dirname(project),
      'endless-openscad',
      `${detachedHelper}\nexec sleep 1000`,
    );
    const parts = xvfb ? ['first', 'second', 'picture'] : ['first', 'second'];
    const cli = start([
      'render',
      ...parts,
      '--engine',
      'native',
      '--openscad',
      engine.path,
      '-j',
      '3',
    ]);
    // Each part: the engine and its helper.
    expect(
      await eventually(
        async () => (await recordedPids(engine.pidFile)).length === 2 * parts.length,
        30,
      ),
    ).toBe(true);
    const marked = processesMarkedBy(cli.pid);
    if (xvfb) expect(marked.map(({ command }) => command)).toContain('Xvfb');
    process.kill(-cli.pid, 'SIGKILL');
    await cli.done;
    expect(marked.length).toBeGreaterThanOrEqual(2 * parts.length);
    expect(await eventually(() => marked.every(({ pid }) => !isRunning(pid)))).toBe(true);
    expect(processesMarkedBy(cli.pid)).toEqual([]);
  });

  it('survives an engine that floods its output (20 MB) and keeps a bounded tail of it', async () => {
    const engine = await writeFakeEngine(
      dirname(project),
      'flooding-openscad',
      "head -c 20000000 /dev/zero | tr '\\0' 'x'\necho ERROR: flooded >&2\nexit 1",
    );
    const run = await start([
      'render',
      'first',
      '--engine',
      'native',
      '--openscad',
      engine.path,
      '--json',
    ]).done;
    expect(run.code, run.stderr).toBe(1);
    const done = run.stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { type: string; result?: { console: string } })
      .find((event) => event.type === 'part-done');
    expect(done?.result?.console).toContain('ERROR: flooded');
    expect(done?.result?.console.length).toBeLessThan(5_000_000);
  });

  it('reports an engine that dies of a signal as a crash of that part, and renders the next', async () => {
    const engine = await writeFakeEngine(dirname(project), 'segfaulting-openscad', 'kill -SEGV $$');
    const run = await start([
      'render',
      'first',
      'second',
      '--engine',
      'native',
      '--openscad',
      engine.path,
      '-j',
      '1',
    ]).done;
    expect(run.code, run.stdout + run.stderr).toBe(1);
    expect(run.stdout).toMatch(/✗ first .*SIGSEGV/);
    expect(run.stdout).toMatch(/✗ second .*SIGSEGV/);
    expect(run.stdout).toMatch(/2 parts: 0 ok, 2 failed/);
  });
});
