import type { Job, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Engine } from '../engines/engine.js';
import { createBlobStore } from './blob-store.js';
import { connectRedis } from './connect-redis.js';
import { engineQueueName, fleetPrefix } from './engine-queue-name.js';
import type { FleetJobData, FleetJobProgress, FleetJobResult } from './fleet-job.js';
import { cancelKey, fleetTiming } from './fleet-timing.js';
import { loadQueueLibrary } from './load-queue-library.js';
import { processFleetJob, workerLabel } from './process-fleet-job.js';
import { untilUnreachable } from './until-unreachable.js';
import { encodeWorkerAdvert, type WorkerAdvert } from './worker-advert.js';

/** How long a stopping worker waits for a Redis that went away before it stops without it. */
const unreachableGraceMs = 5000;

export interface FleetWorkerOptions {
  /** The Redis address (`redis://host:port`). */
  readonly url: string;
  /** Parts rendered at once, over all engines. */
  readonly jobs: number;
  readonly engines: readonly Engine[];
  readonly libraryPaths: readonly string[];
  readonly memoryLimitBytes: number;
  readonly timeoutSeconds?: number | undefined;
  /** Where jobs' scratch folders are made. */
  readonly scratchDir: string;
  /** Font files this machine has, advertised for `text()` parts. */
  readonly fonts: number;
  readonly parascadVersion: string;
  /** Told about each part the worker starts and ends, for its log. */
  readonly onPart?: (event: FleetWorkerPartEvent) => void;
}

export type FleetWorkerPartEvent =
  | {
      readonly type: 'start';
      readonly name: string;
      readonly runId: string;
      readonly engine: string;
    }
  | {
      readonly type: 'done';
      readonly name: string;
      readonly runId: string;
      readonly result: FleetJobResult;
    }
  | { readonly type: 'handed-back'; readonly name: string; readonly runId: string };

export interface FleetWorker {
  readonly advert: WorkerAdvert;
  /**
   * Stops taking parts. `finish`: the running parts finish and deliver; `now`: they are stopped
   * and handed back to the queue for another worker. Connections are closed either way.
   */
  stop(mode: 'finish' | 'now'): Promise<void>;
}

/**
 * Serves the fleet's queues: one BullMQ worker per engine identity this machine has, sharing
 * `jobs` slots (a worker pauses fetching while all slots are busy, so it never hoards parts
 * others could render). Its capabilities travel as its BullMQ name (see `WorkerAdvert`).
 */
export async function startFleetWorker(options: FleetWorkerOptions): Promise<FleetWorker> {
  const library = await loadQueueLibrary();
  const connections: Redis[] = [];
  const connect = async (): Promise<Redis> => {
    const client = await connectRedis(library, options.url, { name: 'parascad-worker' });
    connections.push(client);
    return client;
  };
  const store = await connect();
  const blobs = createBlobStore(store, { prefix: fleetPrefix });
  const advert: WorkerAdvert = {
    host: workerLabel.slice(0, workerLabel.lastIndexOf(':')),
    pid: process.pid,
    engines: options.engines.map(({ info }) => ({
      id: info.id,
      version: info.version,
      backend: info.backend,
    })),
    jobs: options.jobs,
    fonts: options.fonts,
    parascad: options.parascadVersion,
  };
  const name = encodeWorkerAdvert(advert);
  const kill = new AbortController();
  const running = new Map<string, { runId: string; controller: AbortController }>();
  const workers: Worker[] = [];

  const gate = (): void => {
    const full = running.size >= options.jobs;
    for (const worker of workers) {
      if (full && !worker.isPaused()) void worker.pause(true).catch(() => undefined);
      else if (!full && worker.isPaused() && !stopping) void worker.resume().catch(() => undefined);
    }
  };
  let stopping = false;

  const processor = async (
    job: Job<FleetJobData, FleetJobResult>,
    token?: string,
  ): Promise<FleetJobResult> => {
    const controller = new AbortController();
    const id = job.id ?? '';
    running.set(id, { runId: job.data.runId, controller });
    gate();
    const signal = AbortSignal.any([controller.signal, kill.signal]);
    try {
      await job.updateProgress({ worker: workerLabel } satisfies FleetJobProgress);
      options.onPart?.({
        type: 'start',
        name: job.data.work.name,
        runId: job.data.runId,
        engine: job.data.work.engine.id,
      });
      const result = await processFleetJob(job.data, {
        blobs,
        engines: options.engines,
        scratchDir: options.scratchDir,
        libraryPaths: options.libraryPaths,
        memoryLimitBytes: options.memoryLimitBytes,
        timeoutSeconds: options.timeoutSeconds,
        signal,
      });
      if (kill.signal.aborted && !controller.signal.aborted && result.status !== 'ok') {
        // Stopped at once (SIGTERM twice): the part goes back for another worker.
        await job.moveToWait(token);
        options.onPart?.({ type: 'handed-back', name: job.data.work.name, runId: job.data.runId });
        throw new library.bullmq.WaitingError();
      }
      options.onPart?.({ type: 'done', name: job.data.work.name, runId: job.data.runId, result });
      return result;
    } finally {
      running.delete(id);
      gate();
    }
  };

  // A cancelled run's running parts are dropped: checked once a second, one key per run.
  const cancelPoll = setInterval(() => {
    const runs = new Set([...running.values()].map((entry) => entry.runId));
    for (const runId of runs) {
      void store.exists(cancelKey(fleetPrefix, runId)).then(
        (cancelled) => {
          if (cancelled === 0) return;
          for (const entry of running.values()) {
            if (entry.runId === runId) entry.controller.abort();
          }
        },
        () => undefined,
      );
    }
  }, fleetTiming.cancelPollMs);

  for (const engine of advert.engines) {
    const worker = new library.bullmq.Worker<FleetJobData, FleetJobResult>(
      engineQueueName(engine),
      processor,
      {
        connection: await connect(),
        prefix: fleetPrefix,
        name,
        concurrency: options.jobs,
        lockDuration: fleetTiming.lockDurationMs,
        stalledInterval: fleetTiming.stalledIntervalMs,
        maxStalledCount: fleetTiming.maxStalledCount,
        // Results live as long as the producer may need them; blobs carry the files.
        removeOnComplete: { age: 3600, count: 10_000 },
        removeOnFail: { age: 3600, count: 10_000 },
      },
    );
    worker.on('error', () => undefined);
    workers.push(worker);
  }
  await Promise.all(workers.map((worker) => worker.waitUntilReady()));
  let closing: Promise<void> | undefined;

  return {
    advert,
    stop(mode) {
      stopping = true;
      if (mode === 'now') kill.abort();
      closing ??= (async () => {
        clearInterval(cancelPoll);
        // Handing parts back needs Redis: with Redis gone for good, the worker stops without.
        const gone = untilUnreachable(connections, unreachableGraceMs);
        await Promise.race([
          Promise.all(workers.map((worker) => worker.close())),
          gone.unreachable,
        ]);
        gone.stop();
        for (const client of connections) client.disconnect();
      })();
      return closing;
    },
  };
}
