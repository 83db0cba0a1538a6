import { readFile, rm } from 'node:fs/promises';
// The built modules: the WASM engine's worker threads load the compiled wasm-worker.js (`npm test` builds first).
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findLibraryPaths } from '../../dist/discovery/find-library-paths.js';
import { createWasmEngine } from '../../dist/engines/wasm/wasm-engine.js';
import { wasmEngineInfo } from '../../dist/engines/wasm/wasm-engine-info.js';
import type { Engine } from '../../dist/engines/engine.js';
import { createQueuePartRunner, type QueuePartRunner } from '../../dist/fleet/queue-part-runner.js';
import { startFleetWorker, type FleetWorker } from '../../dist/fleet/start-fleet-worker.js';
import { engineIdentity } from '../../dist/job/engine-identity.js';
import { FileDigests } from '../../dist/job/file-digests.js';
import { buildPartJob, type PartJob } from '../../dist/job/part-job.js';
import type { RenderJob } from '../../dist/plan/render-job.js';
import { collectPartInputs } from '../../dist/run/collect-part-inputs.js';
import { planRun } from '../../dist/run/plan-run.js';
import { copyFixture } from '../support/copy-fixture.js';
import { startRedis, type TestRedis } from '../support/start-redis.js';

describe('parts rendered through the queue by a fleet worker (WASM engine)', () => {
  let server: TestRedis;
  let engine: Engine;
  let worker: FleetWorker;
  let runner: QueuePartRunner;
  let project: string;
  let jobs: readonly RenderJob[];
  let works: Map<string, PartJob>;

  beforeAll(async () => {
    server = await startRedis();
    project = await copyFixture('e2e-kit');
    const plan = await planRun({}, project);
    jobs = plan.jobs;
    const libraryPaths = findLibraryPaths();
    const inputs = await collectPartInputs(jobs, libraryPaths);
    const digests = new FileDigests();
    works = new Map();
    for (const job of jobs) {
      const found = inputs.get(job.scadFile);
      works.set(
        job.id,
        await buildPartJob(job, {
          root: plan.projectDir,
          libraryPaths,
          inputFiles: found?.files ?? [job.scadFile],
          absentFiles: found?.absent ?? [],
          engine: engineIdentity(wasmEngineInfo, job.backend),
          digests,
        }),
      );
    }
    engine = await createWasmEngine({ threads: 2 });
    worker = await startFleetWorker({
      url: server.url,
      jobs: 2,
      engines: [engine],
      libraryPaths,
      memoryLimitBytes: 2 ** 31,
      scratchDir: join(tmpdir(), `parascad-test-worker-${process.pid}`),
      fonts: 0,
      parascadVersion: 'test',
    });
    runner = await createQueuePartRunner({ url: server.url, root: plan.projectDir, libraryPaths });
  });
  afterAll(async () => {
    await runner.close();
    await worker.stop('now');
    await engine.close();
    await server.stop();
    await rm(project, { recursive: true, force: true });
  });

  it('renders every part, delivers its outputs into place and says which worker rendered it', async () => {
    const where: string[] = [];
    const results = await Promise.all(
      jobs.map((job) => {
        const work = works.get(job.id);
        if (work === undefined) throw new Error(job.id);
        return runner.run(
          { job, work, attempt: 1, started: (worker) => where.push(worker) },
          new AbortController().signal,
        );
      }),
    );
    const byName = new Map(results.map((result) => [result.job.name, result]));
    expect(byName.get('disc')?.status).toBe('ok');
    expect(byName.get('block')?.outputs.map((output) => output.format)).toEqual(['stl', 'off']);
    expect(byName.get('badge')?.status).toBe('ok');
    const broken = byName.get('broken');
    expect(broken?.status).toBe('failed');
    expect(broken?.failure?.kind).toBe('openscad-error');
    // The worker's scratch paths are this machine's again.
    expect(broken?.diagnostics.find((d) => d.fatal)?.location?.file).toBe(
      join(project, 'project.scad'),
    );
    const disc = await readFile(join(project, 'outputs', 'disc.stl'), 'utf8');
    expect(disc).toContain('facet normal');
    expect(where.length).toBe(jobs.length);
    expect(where.every((label) => label.endsWith(`:${process.pid}`))).toBe(true);
  });

  it('serves a part whose outputs the fleet already holds from its store, without a worker', async () => {
    const job = jobs.find((candidate) => candidate.name === 'disc');
    const work = job === undefined ? undefined : works.get(job.id);
    if (job === undefined || work === undefined) throw new Error('no disc');
    await rm(join(project, 'outputs', 'disc.stl'));
    let where = '';
    const result = await runner.run(
      { job, work, attempt: 1, started: (label) => (where = label) },
      new AbortController().signal,
    );
    expect(result.status).toBe('ok');
    expect(where).toMatch(/fleet's store/);
    expect(await readFile(join(project, 'outputs', 'disc.stl'), 'utf8')).toContain('facet normal');
  });
});
