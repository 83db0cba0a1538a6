import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sweepEndedParts } from '../../../src/engines/native/kill-process-tree.js';
import { runProcessTree } from '../../../src/engines/native/run-process-tree.js';
import { eventually, isRunning, recordedPids } from '../../support/fake-engine.js';
import { useScriptFolder } from '../../support/script-folder.js';

const scripts = useScriptFolder('parascad-process-tree-');
/** A fake engine: a shell script that may fork, detach, ignore signals or flood its output. */
const script = scripts.script;

const never = new AbortController().signal;

describe.skipIf(process.platform !== 'linux').each([
  { how: 'through the launcher', spawnDirectly: false },
  { how: "with Node's spawn", spawnDirectly: true },
])('running a process tree $how', ({ spawnDirectly }) => {
  it('ends a part whose engine double-forks a detached helper that holds its output open, and kills the helper', async () => {
    const pids = join(scripts.dir, `double-fork-${spawnDirectly ? 'spawn' : 'launcher'}.pids`);
    // The helper leaves the process group (setsid) through a double fork, so that neither the
    // group nor the parent chain reaches it, and keeps stdout and stderr open. The engine waits
    // until the helper has written its PID: killed sooner, it would leave nothing to look for.
    const engine = await script(
      `( setsid sh -c 'echo $$ >> ${pids}; exec sleep 1000' & )\nwhile [ ! -s ${pids} ]; do sleep 0.01; done\necho rendered\nexit 0`,
    );
    const run = await runProcessTree(engine, [], { signal: never, spawnDirectly });
    expect(run.exitCode).toBe(0);
    expect(run.console).toContain('rendered');
    const [helper] = await recordedPids(pids);
    expect(helper).toBeDefined();
    expect(await eventually(() => !isRunning(helper ?? 0))).toBe(true);
  });

  it('kills a background child left in the process group that closed its output, as soon as the engine ends', async () => {
    const pids = join(scripts.dir, `background-${spawnDirectly ? 'spawn' : 'launcher'}.pids`);
    const engine = await script(
      `sleep 1000 < /dev/null > /dev/null 2>&1 &\necho $! >> ${pids}\necho rendered\nexit 0`,
    );
    const run = await runProcessTree(engine, [], { signal: never, spawnDirectly });
    expect(run.exitCode).toBe(0);
    const [helper] = await recordedPids(pids);
    expect(helper).toBeDefined();
    expect(await eventually(() => !isRunning(helper ?? 0))).toBe(true);
  });

  it('leaves a detached daemon that closed its output to the sweep of ended parts, which kills it', async () => {
    const pids = join(scripts.dir, `daemon-${spawnDirectly ? 'spawn' : 'launcher'}.pids`);
    const engine = await script(
      `( setsid sh -c 'echo $$ >> ${pids}; exec sleep 1000' < /dev/null > /dev/null 2>&1 & )\nwhile [ ! -s ${pids} ]; do sleep 0.01; done\nexit 0`,
    );
    const run = await runProcessTree(engine, [], { signal: never, spawnDirectly });
    expect(run.exitCode).toBe(0);
    const [daemon] = await recordedPids(pids);
    expect(daemon).toBeDefined();
    expect(sweepEndedParts()).toBeGreaterThanOrEqual(1);
    expect(await eventually(() => !isRunning(daemon ?? 0))).toBe(true);
  });

  it('stops at once an engine that ignores SIGTERM, sleeps forever and started a detached helper', async () => {
    const pids = join(scripts.dir, `stubborn-${spawnDirectly ? 'spawn' : 'launcher'}.pids`);
    const engine = await script(
      `trap '' TERM\necho $$ >> ${pids}\n( setsid sh -c 'trap "" TERM; echo $$ >> ${pids}; exec sleep 1000' & )\nwhile :; do sleep 1; done`,
    );
    const controller = new AbortController();
    const running = runProcessTree(engine, [], { signal: controller.signal, spawnDirectly });
    await new Promise((done) => setTimeout(done, 300));
    controller.abort();
    const run = await running;
    expect(run.signal).toBe('SIGKILL');
    const all = await recordedPids(pids);
    expect(all).toHaveLength(2);
    expect(await eventually(() => all.every((pid) => !isRunning(pid)))).toBe(true);
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
    const run = await runProcessTree(join(scripts.dir, 'missing'), [], {
      signal: never,
      spawnDirectly,
    });
    expect(run.spawnError?.message).toContain('ENOENT');
  });
});
