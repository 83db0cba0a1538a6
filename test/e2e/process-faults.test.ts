import { spawn } from 'node:child_process';
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
import { cliPath, type CliRun } from '../support/run-cli.js';

let project: string;
beforeAll(async () => {
  project = await copyFixture('faults-fake');
});
afterAll(async () => {
  await rm(dirname(project), { recursive: true, force: true });
});

/** Starts the CLI in its own process group, without a display, as a CI job would. */
function start(args: readonly string[]): { pid: number; done: Promise<CliRun> } {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', CI: 'true' };
  delete env['DISPLAY'];
  delete env['WAYLAND_DISPLAY'];
  const child = spawn(process.execPath, [cliPath, ...args], {
    cwd: project,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const done = new Promise<CliRun>((resolve) => {
    child.on('close', (code, signal) => {
      resolve({ code, signal, stdout, stderr });
    });
  });
  return { pid: child.pid ?? 0, done };
}

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
});
