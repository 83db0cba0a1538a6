import { readFileSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepEndedParts } from '../../../src/engines/native/kill-process-tree.js';
import { runProcessTree } from '../../../src/engines/native/run-process-tree.js';

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'parascad-process-tree-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

let scripts = 0;
/** A fake engine: a shell script that may fork, detach, ignore signals or flood its output. */
async function script(body: string): Promise<string> {
  scripts += 1;
  const path = join(folder, `engine${scripts}.sh`);
  await writeFile(path, `#!/bin/sh\n${body}\n`);
  await chmod(path, 0o755);
  return path;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // A killed child of an exited parent may linger as a zombie until init reaps it.
  return !/^\S+ \(.*\) Z/.test(readStat(pid));
}

function readStat(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return '';
  }
}

async function pidsIn(file: string): Promise<number[]> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.split(/\s+/).filter(Boolean).map(Number);
}

async function eventually(check: () => boolean): Promise<boolean> {
  for (let tries = 0; tries < 100; tries++) {
    if (check()) return true;
    await new Promise((done) => setTimeout(done, 50));
  }
  return check();
}

const never = new AbortController().signal;

describe.skipIf(process.platform !== 'linux').each([
  { how: 'through the launcher', spawnDirectly: false },
  { how: "with Node's spawn", spawnDirectly: true },
])('running a process tree $how', ({ spawnDirectly }) => {
  it('ends a part whose engine double-forks a detached helper that holds its output open, and kills the helper', async () => {
    const pids = join(folder, `double-fork-${spawnDirectly ? 'spawn' : 'launcher'}.pids`);
    // The helper leaves the process group (setsid) through a double fork, so that neither the
    // group nor the parent chain reaches it, and keeps stdout and stderr open. The engine waits
    // until the helper has written its PID: killed sooner, it would leave nothing to look for.
    const engine = await script(
      `( setsid sh -c 'echo $$ >> ${pids}; exec sleep 1000' & )\nwhile [ ! -s ${pids} ]; do sleep 0.01; done\necho rendered\nexit 0`,
    );
    const run = await runProcessTree(engine, [], { signal: never, spawnDirectly });
    expect(run.exitCode).toBe(0);
    expect(run.console).toContain('rendered');
    const [helper] = await pidsIn(pids);
    expect(helper).toBeDefined();
    expect(await eventually(() => !isAlive(helper ?? 0))).toBe(true);
  });

  it('kills a background child left in the process group that closed its output, as soon as the engine ends', async () => {
    const pids = join(folder, `background-${spawnDirectly ? 'spawn' : 'launcher'}.pids`);
    const engine = await script(
      `sleep 1000 < /dev/null > /dev/null 2>&1 &\necho $! >> ${pids}\necho rendered\nexit 0`,
    );
    const run = await runProcessTree(engine, [], { signal: never, spawnDirectly });
    expect(run.exitCode).toBe(0);
    const [helper] = await pidsIn(pids);
    expect(helper).toBeDefined();
    expect(await eventually(() => !isAlive(helper ?? 0))).toBe(true);
  });

  it('leaves a detached daemon that closed its output to the sweep of ended parts, which kills it', async () => {
    const pids = join(folder, `daemon-${spawnDirectly ? 'spawn' : 'launcher'}.pids`);
    const engine = await script(
      `( setsid sh -c 'echo $$ >> ${pids}; exec sleep 1000' < /dev/null > /dev/null 2>&1 & )\nwhile [ ! -s ${pids} ]; do sleep 0.01; done\nexit 0`,
    );
    const run = await runProcessTree(engine, [], { signal: never, spawnDirectly });
    expect(run.exitCode).toBe(0);
    const [daemon] = await pidsIn(pids);
    expect(daemon).toBeDefined();
    expect(sweepEndedParts()).toBeGreaterThanOrEqual(1);
    expect(await eventually(() => !isAlive(daemon ?? 0))).toBe(true);
  });

  it('stops at once an engine that ignores SIGTERM, sleeps forever and started a detached helper', async () => {
    const pids = join(folder, `stubborn-${spawnDirectly ? 'spawn' : 'launcher'}.pids`);
    const engine = await script(
      `trap '' TERM\necho $$ >> ${pids}\n( setsid sh -c 'trap "" TERM; echo $$ >> ${pids}; exec sleep 1000' & )\nwhile :; do sleep 1; done`,
    );
    const controller = new AbortController();
    const running = runProcessTree(engine, [], { signal: controller.signal, spawnDirectly });
    await new Promise((done) => setTimeout(done, 300));
    controller.abort();
    const run = await running;
    expect(run.signal).toBe('SIGKILL');
    const all = await pidsIn(pids);
    expect(all).toHaveLength(2);
    expect(await eventually(() => all.every((pid) => !isAlive(pid)))).toBe(true);
  });

  it('keeps a flood of output within bounds and ends', async () => {
    const engine = await script('head -c 20000000 /dev/zero | tr "\\0" x\necho last line');
    const run = await runProcessTree(engine, [], { signal: never, spawnDirectly });
    expect(run.exitCode).toBe(0);
    expect(run.console.length).toBeLessThan(5 * 1024 * 1024);
    expect(run.console).toContain('parascad dropped');
    expect(run.console.trimEnd().endsWith('last line')).toBe(true);
  });

  it('reports an engine that died of a signal', async () => {
    const engine = await script('echo crashing\nkill -SEGV $$');
    const run = await runProcessTree(engine, [], { signal: never, spawnDirectly });
    expect(run.exitCode).toBeNull();
    expect(run.signal).toBe('SIGSEGV');
    expect(run.console).toContain('crashing');
  });

  it('says when the program cannot be started', async () => {
    const run = await runProcessTree(join(folder, 'missing'), [], { signal: never, spawnDirectly });
    expect(run.spawnError?.message).toContain('ENOENT');
  });
});
