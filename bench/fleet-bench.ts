/**
 * `npx tsx bench/fleet-bench.ts` (after `npm run build`): what the render fleet costs and buys on
 * this machine, as numbers from one run. Starts its own redis-server on 127.0.0.1 and its own
 * `parascad worker` processes (WASM engine).
 *
 * 1. Queue overhead per part: 500 tiny parts through the queue runner with as many parts out as
 *    the workers have slots (so no part waits for a slot): enqueue → a worker starts it
 *    (BullMQ's `timestamp` → `processedOn`), and enqueue → outputs written here minus the render.
 * 2. Wall time of a 40-part batch: the local pool (`-j 2`), then through Redis on 1 worker
 *    process (`-j 1`) and on 2 worker processes (`-j 1` each), each on a fresh copy and an
 *    empty Redis (so no part is served from the fleet's store).
 * 3. On paper: the lower bound a fleet of N such machines would reach on the batch.
 *
 * Options: `--tiny N` (default 500), `--batch N` (default 40).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { findLibraryPaths } from '../dist/discovery/find-library-paths.js';
import { wasmEngineInfo } from '../dist/engines/wasm/wasm-engine-info.js';
import { createQueuePartRunner } from '../dist/fleet/queue-part-runner.js';
import { loadQueueLibrary } from '../dist/fleet/load-queue-library.js';
import { engineIdentity } from '../dist/job/engine-identity.js';
import { FileDigests } from '../dist/job/file-digests.js';
import { buildPartJob } from '../dist/job/part-job.js';
import { collectPartInputs } from '../dist/run/collect-part-inputs.js';
import { planRun } from '../dist/run/plan-run.js';
import { startRedis, type TestRedis } from '../test/support/start-redis.js';

const { values } = parseArgs({
  options: {
    tiny: { type: 'string', default: '500' },
    batch: { type: 'string', default: '40' },
  },
});
const cli = resolve('bin/parascad.js');

function startWorker(url: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [cli, 'worker', '--queue', url, '-j', '1', '--engine', 'wasm'],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, NO_COLOR: '1' },
    },
  );
  return new Promise((done, fail) => {
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      if (text.includes('parascad worker ')) done(child);
    });
    child.once('exit', () => {
      fail(new Error('worker exited'));
    });
  });
}

async function stopWorkers(workers: readonly ChildProcess[]): Promise<void> {
  await Promise.all(
    workers.map(
      (child) =>
        new Promise<void>((done) => {
          child.once('exit', () => {
            done();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
}

async function project(
  name: string,
  parts: number,
  body: (index: number) => string,
): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), `parascad-fleet-bench-${name}-`));
  const modules = Array.from(
    { length: parts },
    (_, index) => `module p${index}() //render.model.stl\n{ ${body(index)} }\n`,
  );
  await writeFile(join(folder, 'project.scad'), modules.join('\n'));
  return folder;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function queueOverhead(redis: TestRedis, count: number): Promise<void> {
  const folder = await project('tiny', count, (index) => `cube(${1 + index / 1000});`);
  const workers = await Promise.all([startWorker(redis.url), startWorker(redis.url)]);
  try {
    const plan = await planRun({}, folder);
    const libraryPaths = findLibraryPaths();
    const inputs = await collectPartInputs(plan.jobs, libraryPaths);
    const digests = new FileDigests();
    const runner = await createQueuePartRunner({
      url: redis.url,
      root: plan.projectDir,
      libraryPaths,
    });
    const pending = [...plan.jobs];
    const overheads: number[] = [];
    const slot = async (): Promise<void> => {
      for (let job = pending.shift(); job !== undefined; job = pending.shift()) {
        const found = inputs.get(job.scadFile);
        const work = await buildPartJob(job, {
          root: plan.projectDir,
          libraryPaths,
          inputFiles: found?.files ?? [job.scadFile],
          absentFiles: found?.absent ?? [],
          engine: engineIdentity(wasmEngineInfo, job.backend),
          digests,
        });
        const started = performance.now();
        const result = await runner.run({ job, work, attempt: 1 }, new AbortController().signal);
        if (result.status !== 'ok')
          throw new Error(`${job.name}: ${JSON.stringify(result.failure)}`);
        overheads.push(performance.now() - started - result.seconds * 1000);
      }
    };
    const began = performance.now();
    await Promise.all([slot(), slot()]);
    const wall = (performance.now() - began) / 1000;
    await runner.close();
    const { bullmq, ioredis } = await loadQueueLibrary();
    const connection = new ioredis.Redis(redis.url, { maxRetriesPerRequest: null });
    const queue = new bullmq.Queue('wasm-2025.01.19-manifold', { connection, prefix: 'parascad' });
    const jobs = await queue.getJobs(['completed'], 0, count + 10);
    const toStart = jobs
      .map((job) => (job.processedOn ?? Number.NaN) - job.timestamp)
      .filter((ms) => Number.isFinite(ms))
      .sort((a, b) => a - b);
    await queue.close();
    connection.disconnect();
    const round = overheads.sort((a, b) => a - b);
    console.log(
      `\n## Queue overhead per part (${count} tiny parts, 2 worker processes -j 1, ${wall.toFixed(1)} s)`,
    );
    console.log(`| measure | p50 | p95 |\n| --- | ---: | ---: |`);
    console.log(
      `| enqueue → a worker starts it | ${percentile(toStart, 50).toFixed(1)} ms | ${percentile(toStart, 95).toFixed(1)} ms |`,
    );
    console.log(
      `| round trip minus the render (inputs up, outputs back, written) | ${percentile(round, 50).toFixed(1)} ms | ${percentile(round, 95).toFixed(1)} ms |`,
    );
  } finally {
    await stopWorkers(workers);
    await rm(folder, { recursive: true, force: true });
  }
}

interface BatchRun {
  readonly label: string;
  readonly wall: number;
  readonly partSeconds: number[];
}

async function renderBatch(label: string, args: string[], parts: number): Promise<BatchRun> {
  // Distinct sizes keep every part's key distinct; the minkowski makes each take a moment.
  const folder = await project(
    'batch',
    parts,
    (index) => `minkowski() { cube(${10 + index / 10}); sphere(2, $fn = 28); }`,
  );
  try {
    const began = performance.now();
    const run = spawnSync(
      process.execPath,
      [cli, 'render', '--engine', 'wasm', '--json', ...args],
      {
        cwd: folder,
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    const wall = (performance.now() - began) / 1000;
    if (run.status !== 0) throw new Error(`${label}: exit ${String(run.status)}\n${run.stderr}`);
    const partSeconds = run.stdout
      .split('\n')
      .filter((line) => line.includes('"part-done"'))
      .map((line) => (JSON.parse(line) as { seconds: number }).seconds);
    return { label, wall, partSeconds };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

async function batches(redis: TestRedis, parts: number): Promise<void> {
  const flush = (): void => {
    spawnSync('redis-cli', ['-u', redis.url, 'FLUSHALL']);
  };
  const runs: BatchRun[] = [await renderBatch('local pool, -j 2', ['-j', '2'], parts)];
  for (const count of [1, 2]) {
    flush();
    const workers = await Promise.all(Array.from({ length: count }, () => startWorker(redis.url)));
    try {
      runs.push(
        await renderBatch(
          `${count} worker process${count === 1 ? '' : 'es'} (-j 1 each) through Redis`,
          ['--queue', redis.url],
          parts,
        ),
      );
    } finally {
      await stopWorkers(workers);
    }
  }
  const base = runs[0]?.wall ?? Number.NaN;
  console.log(`\n## ${parts}-part batch (WASM, one run, wall time of the whole command)`);
  console.log('| how | wall | vs local pool |\n| --- | ---: | ---: |');
  for (const run of runs)
    console.log(`| ${run.label} | ${run.wall.toFixed(2)} s | ${(base / run.wall).toFixed(2)}× |`);
  const measured = runs[2] ?? runs[0];
  const seconds = measured?.partSeconds ?? [];
  const total = seconds.reduce((sum, value) => sum + value, 0);
  const longest = Math.max(0, ...seconds);
  console.log(`\n## On paper: N machines of 2 cores (lower bound max(longest part, work / slots))`);
  console.log(
    `work ${total.toFixed(1)} s, longest part ${longest.toFixed(2)} s (from the 2-worker run)`,
  );
  console.log('| machines | slots | lower bound |\n| ---: | ---: | ---: |');
  for (const machines of [1, 2, 4, 8, 16, 40]) {
    const slots = machines * 2;
    console.log(`| ${machines} | ${slots} | ${Math.max(longest, total / slots).toFixed(2)} s |`);
  }
}

const redis = await startRedis();
try {
  console.log(
    `fleet bench, ${new Date().toISOString()}, load average ${spawnSync('cat', ['/proc/loadavg'], { encoding: 'utf8' }).stdout.trim()}`,
  );
  await queueOverhead(redis, Number(values.tiny));
  await batches(redis, Number(values.batch));
} finally {
  await redis.stop();
}
