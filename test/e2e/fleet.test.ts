import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { measureOutput } from '../../src/formats/measure-output.js';
import { copyFixture } from '../support/copy-fixture.js';
import { listFiles } from '../support/list-files.js';
import { runCli, startCli, stopStartedClis } from '../support/run-cli.js';
import { startRedis, type TestRedis } from '../support/start-redis.js';
import { startWorker, type TestWorker } from '../support/start-worker.js';
import { hasNativeOpenScad, nativeSkipReason } from '../support/has-native-openscad.js';

interface JsonEvent {
  readonly type: string;
  readonly part?: { readonly name: string };
  readonly where?: string;
  readonly status?: string;
}

/** The part, worker and status of each `--json` line (the library's events, serialised). */
function eventsOf(stdout: string): JsonEvent[] {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => {
      const event = JSON.parse(line) as {
        type: string;
        job?: { name: string };
        where?: string;
        result?: { job: { name: string }; where?: string; status: string };
      };
      const part = event.result?.job ?? event.job;
      const where = event.result?.where ?? event.where;
      return {
        type: event.type,
        ...(part === undefined ? {} : { part: { name: part.name } }),
        ...(where === undefined ? {} : { where }),
        ...(event.result === undefined ? {} : { status: event.result.status }),
      };
    });
}

async function measures(project: string): Promise<Record<string, unknown>> {
  const folder = join(project, 'outputs');
  const measured: Record<string, unknown> = {};
  for (const file of await listFiles(folder)) {
    measured[file] = measureOutput(
      file.slice(file.lastIndexOf('.') + 1),
      await readFile(join(folder, file)),
    );
  }
  return measured;
}

describe('a render fleet on a real redis-server with real worker processes (WASM engine)', () => {
  let redis: TestRedis;
  const workers: TestWorker[] = [];
  const projects: string[] = [];

  beforeAll(async () => {
    redis = await startRedis();
  });
  afterEach(async () => {
    stopStartedClis();
    await Promise.all(workers.splice(0).map((worker) => worker.stop()));
  });
  afterAll(async () => {
    await redis.stop();
    await Promise.all(projects.map((project) => rm(project, { recursive: true, force: true })));
  });

  const project = async (name: string): Promise<string> => {
    const folder = await copyFixture(name);
    projects.push(folder);
    return folder;
  };
  const worker = async (...args: string[]): Promise<TestWorker> => {
    const started = await startWorker(redis.url, ['-j', '1', '--engine', 'wasm', ...args]);
    workers.push(started);
    return started;
  };

  it('renders a project on two worker processes into the same outputs as a local render', async () => {
    await Promise.all([worker(), worker()]);
    const [remote, local] = await Promise.all([project('e2e-kit'), project('e2e-kit')]);
    const fleet = await runCli(
      ['render', '--queue', redis.url, '--engine', 'wasm', '--json'],
      remote,
    );
    const here = await runCli(['render', '--engine', 'wasm'], local);
    // The kit's `broken` part fails on purpose, on the fleet as here: the same exit code.
    expect(fleet.code).toBe(1);
    expect(here.code).toBe(1);
    expect(await listFiles(join(remote, 'outputs'))).toEqual(
      await listFiles(join(local, 'outputs')),
    );
    expect(await measures(remote)).toEqual(await measures(local));
    const done = eventsOf(fleet.stdout).filter((event) => event.type === 'part-done');
    expect(done).toHaveLength(5);
    // Every part says which worker rendered it, and both workers rendered some.
    const where = new Set(done.map((event) => event.where));
    expect([...where].map((label) => label?.slice(label.lastIndexOf(':') + 1)).sort()).toEqual(
      workers.map((started) => String(started.pid)).sort(),
    );
  });

  it("renders what the run planned beyond the program text: binary STL, a used file's own $fn", async () => {
    await worker();
    const [remote, local] = await Promise.all([
      project('e2e-fleet-planned'),
      project('e2e-fleet-planned'),
    ]);
    const fleet = await runCli(['render', '--queue', redis.url, '--engine', 'wasm'], remote);
    const here = await runCli(['render', '--engine', 'wasm'], local);
    expect(fleet.code).toBe(0);
    expect(here.code).toBe(0);
    const stl = await readFile(join(remote, 'outputs', 'rod.stl'));
    // Binary: 80 bytes of header, the triangle count, 50 bytes a triangle; 12 sides make 44.
    expect(stl.readUInt32LE(80)).toBe(44);
    expect(stl.length).toBe(84 + 44 * 50);
    expect(await measures(remote)).toEqual(await measures(local));
  });

  it('re-renders the part of a worker killed with SIGKILL on another worker: every part arrives', async () => {
    const [first, second] = await Promise.all([worker(), worker()]);
    const folder = await project('e2e-slow');
    let killed: number | undefined;
    const run = startCli(
      ['render', '--queue', redis.url, '--engine', 'wasm', '--json'],
      folder,
      (stdout) => {
        if (killed !== undefined) return;
        const start = eventsOf(stdout).find(
          (event) => event.type === 'part-start' && event.part?.name === 'slow',
        );
        const victim = [first, second].find((w) => start?.where?.endsWith(`:${w.pid}`));
        if (victim === undefined) return;
        killed = victim.pid;
        victim.child.kill('SIGKILL');
      },
    );
    const done = await run.done;
    expect(killed).toBeDefined();
    expect(done.code).toBe(0);
    const slow = eventsOf(done.stdout).find(
      (event) => event.type === 'part-done' && event.part?.name === 'slow',
    );
    expect(slow?.status).toBe('ok');
    expect(slow?.where?.endsWith(`:${killed}`)).toBe(false);
    expect(await listFiles(join(folder, 'outputs'))).toEqual([
      'also_quick.stl',
      'quick.stl',
      'slow.stl',
    ]);
  });

  it('keeps two producers on one queue apart: each gets exactly its own outputs', async () => {
    await Promise.all([worker(), worker()]);
    const [kit, config] = await Promise.all([project('e2e-kit'), project('e2e-config')]);
    const [kitRun, configRun] = await Promise.all([
      runCli(['render', '--queue', redis.url, '--engine', 'wasm'], kit),
      runCli(['render', '--queue', redis.url, '--engine', 'wasm'], config),
    ]);
    expect(kitRun.code).toBe(1);
    expect(configRun.code, configRun.stdout + configRun.stderr).toBe(0);
    expect(await listFiles(join(kit, 'outputs'))).toEqual([
      'badge.stl',
      'block.off',
      'block.stl',
      'disc.stl',
      'plate.dxf',
      'plate.svg',
    ]);
    expect(await listFiles(join(config, 'outputs'))).toEqual([
      'cube_part.stl',
      'ring.dxf',
      'ring.svg',
    ]);
  });

  it('says at once that no worker serves the parts, and renders here with --local-fallback', async () => {
    const folder = await project('e2e-config');
    const none = await runCli(['render', '--queue', redis.url, '--engine', 'wasm'], folder);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/No worker with wasm .* is connected to redis:\/\/127\.0\.0\.1/);
    expect(await listFiles(folder)).not.toContain('outputs/cube_part.stl');
    const fallback = await runCli(
      ['render', '--queue', redis.url, '--engine', 'wasm', '--local-fallback'],
      folder,
    );
    expect(fallback.code).toBe(0);
    expect(fallback.stdout).toMatch(/rendering on this machine/);
    expect(await listFiles(join(folder, 'outputs'))).toEqual([
      'cube_part.stl',
      'ring.dxf',
      'ring.svg',
    ]);
  });

  it('fails with a clear error when Redis cannot be reached', async () => {
    const gone = await startRedis();
    await gone.stop();
    const folder = await project('e2e-config');
    const run = await runCli(['render', '--queue', gone.url, '--engine', 'wasm'], folder);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`Cannot reach Redis at ${gone.url}`);
    const status = await runCli(['fleet', '--queue', gone.url], folder);
    expect(status.code).toBe(2);
    expect(status.stderr).toContain('Cannot reach Redis');
  });

  it('fails a part handed back by a stopped worker like a waiting one once no worker is left', async () => {
    const only = await worker();
    const folder = await project('e2e-slow');
    let stopped = false;
    // A value of its own: no store of an earlier test answers its parts.
    const fresh = ['--no-cache', '-D', `nonce=${Date.now()}`];
    const run = startCli(
      ['render', '--queue', redis.url, '--engine', 'wasm', '--json', ...fresh],
      folder,
      (stdout) => {
        if (stopped) return;
        const start = eventsOf(stdout).find(
          (event) => event.type === 'part-start' && event.part?.name === 'slow' && event.where,
        );
        if (start === undefined) return;
        stopped = true;
        // Twice: the second stops the running part at once, handing it back to the queue.
        only.child.kill('SIGTERM');
        setTimeout(() => only.child.kill('SIGTERM'), 200);
      },
    );
    const done = await run.done;
    expect(stopped).toBe(true);
    expect(only.output()).toContain('slow handed back');
    expect(done.code).toBe(1);
    const slow = eventsOf(done.stdout).find(
      (event) => event.type === 'part-done' && event.part?.name === 'slow',
    );
    expect(slow?.status).toBe('failed');
    expect(done.stdout).toMatch(/no worker for wasm-[^ ]* has been connected/);
  }, 120_000);

  it('ends a run whose Redis went away: its parts fail after the grace, and it exits 1', async () => {
    const lost = await startRedis();
    const folder = await project('e2e-slow');
    const served = await startWorker(lost.url, ['-j', '1', '--engine', 'wasm']);
    try {
      const fresh = ['--no-cache', '-D', `nonce=${Date.now()}`];
      const run = startCli(
        ['render', '--queue', lost.url, '--engine', 'wasm', ...fresh],
        folder,
        (stdout) => {
          if (stdout.includes('rendering 3 parts')) void lost.stop();
        },
      );
      const done = await run.done;
      expect(done.code).toBe(1);
      expect(done.stdout).toMatch(/✗ slow .*lost the connection to Redis at .* for 20 s/);
      expect(done.stdout).toMatch(/^3 parts: 0 ok, 3 failed$/m);
      // ioredis's own reports of each refused reconnection stay out of the output.
      expect(done.stdout + done.stderr).not.toContain('ECONNREFUSED');
      // The worker stops on SIGTERM without the Redis it would hand parts back to, and takes its
      // scratch folder with it.
      await served.stop();
      expect(served.child.exitCode).toBe(0);
      expect(existsSync(join(tmpdir(), `parascad-worker-${served.pid}`))).toBe(false);
    } finally {
      served.child.kill('SIGKILL');
      await lost.stop();
    }
  }, 120_000);

  it('shows the connected workers, their engines and the queue depth with parascad fleet', async () => {
    const started = await worker();
    const folder = await project('e2e-config');
    const status = await runCli(['fleet', '--queue', redis.url], folder);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(
      new RegExp(`:${started.pid}\\s+wasm 2025\\.01\\.19 \\(manifold\\)\\s+-j 1`),
    );
    expect(status.stdout).toMatch(/wasm-2025\.01\.19-manifold\s+0 waiting/);
  });

  it.skipIf(!hasNativeOpenScad)(
    `counts a worker that serves both engines and the hybrid route, and sends it as many parts as it takes ${nativeSkipReason}`,
    async () => {
      const started = await startWorker(redis.url, ['-j', '2', '--engine', 'auto']);
      workers.push(started);
      const folder = await project('e2e-kit');
      const status = await runCli(['fleet', '--queue', redis.url], folder);
      expect(status.stdout).toMatch(
        new RegExp(
          `1 worker:\\n\\s+\\S+:${started.pid}\\s+native 2021\\.01 \\(cgal\\), wasm 2025\\.01\\.19 \\(manifold\\), hybrid \\S+ \\(manifold\\)\\s+-j 2`,
        ),
      );
      const run = await runCli(['render', '--queue', redis.url, '--engine', 'native'], folder);
      expect(run.stdout).toContain(`on the fleet at ${redis.url}: 1 worker, 2 at once`);
      expect(run.stdout).toContain('rendering 5 parts with 2 workers');
    },
  );
});
