import { randomBytes } from 'node:crypto';
import type { Queue, QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import type { EngineInfo } from '../engines/engine.js';
import type { EngineIdentity } from '../job/engine-identity.js';
import { partKey } from '../job/part-key.js';
import type { FailureReason, PartResult } from '../run/part-result.js';
import type { PartRun, PartRunner } from '../run/part-runner.js';
import { defined } from '../util/defined.js';
import { createBlobStore } from './blob-store.js';
import { connectRedis } from './connect-redis.js';
import { deliverFleetOutputs } from './deliver-fleet-outputs.js';
import { engineQueueName, fleetPrefix } from './engine-queue-name.js';
import { hostDiagnostic } from './fleet-diagnostics.js';
import type { FleetJobData, FleetJobProgress, FleetJobResult } from './fleet-job.js';
import { cancelKey } from './fleet-timing.js';
import { loadQueueLibrary, type QueueLibrary } from './load-queue-library.js';
import { describeQueueUrl } from './parse-queue-url.js';
import { uploadPartInputs } from './upload-part-inputs.js';
import { decodeWorkerAdvert } from './worker-advert.js';

export interface QueuePartRunnerOptions {
  /** The Redis address. */
  readonly url: string;
  /** The project root the jobs' paths are relative to. */
  readonly root: string;
  /** This machine's OpenSCAD library folders (`<lib>/…` inputs are read from them). */
  readonly libraryPaths: readonly string[];
  /** Aborted on the first Ctrl-C: parts still waiting in the queue are taken off it. */
  readonly stopSignal?: AbortSignal | undefined;
  /** Seconds the connection to Redis may be lost before the parts still out fail. @default 20 */
  readonly lostAfterSeconds?: number;
  /** Seconds parts may wait while no worker serves their engine before they fail. @default 10 */
  readonly noWorkerAfterSeconds?: number;
  /** Seconds blobs and finished parts are kept in the fleet's store. @default 86400 */
  readonly ttlSeconds?: number;
}

/** How long closing waits for BullMQ to close its queues before the connections are dropped. */
const closeGraceMs = 3000;

/** The queue as a {@link PartRunner}, plus what a run asks before it starts. */
export interface QueuePartRunner extends PartRunner {
  /** This run's id: its job ids start with it, and its cancel is keyed by it. */
  readonly runId: string;
  /** Who serves these engines now: the ones no connected worker has, and the workers' slots. */
  survey(engines: readonly EngineIdentity[]): Promise<FleetSurvey>;
}

/** The fleet as a run sees it before it starts. */
export interface FleetSurvey {
  /** Engines no connected worker has: their parts would wait forever. */
  readonly unserved: readonly EngineIdentity[];
  /** Connected workers serving any of the engines. */
  readonly workers: number;
  /** Parts those workers render at once, together (their `-j`). */
  readonly slots: number;
}

interface Pending {
  readonly queue: string;
  readonly settle: (outcome: Outcome) => void;
  readonly started?: ((where: string) => void) | undefined;
  active: boolean;
}

type Outcome =
  | { readonly kind: 'done'; readonly result: FleetJobResult }
  | { readonly kind: 'failed'; readonly failure: FailureReason };

/** What the fleet keeps of a rendered part, under its part key, so that any run can reuse it. */
interface FinishedPart {
  readonly outputs: FleetJobResult['outputs'];
  readonly seconds: number;
  readonly worker: string;
}

/**
 * The second {@link PartRunner}: parts go to a fleet of `parascad worker`s through BullMQ on
 * Redis. A part whose outputs the fleet already holds (by part key) is delivered from its store;
 * otherwise its inputs are stored as blobs, its job is queued for workers with its engine
 * (longest first: jobs get BullMQ priorities in the order the run starts them), and its outputs
 * come back as blobs, verified and written atomically like a local render's.
 *
 * Bounded waits: an unreachable Redis is an error at once; a connection lost for
 * `lostAfterSeconds`, or no worker for `noWorkerAfterSeconds`, fails the parts still out.
 */
export async function createQueuePartRunner(
  options: QueuePartRunnerOptions,
): Promise<QueuePartRunner> {
  const library = await loadQueueLibrary();
  const runId = `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
  const connections: Redis[] = [];
  const connect = async (name: string): Promise<Redis> => {
    const client = await connectRedis(library, options.url, { name });
    connections.push(client);
    return client;
  };
  const redis = await connect('parascad-render');
  const ttl = options.ttlSeconds ?? 86_400;
  const blobs = createBlobStore(redis, { prefix: fleetPrefix, ttlSeconds: ttl });
  const where = describeQueueUrl(options.url);
  const queues = new Map<string, Promise<{ queue: Queue; events: QueueEvents }>>();
  const pending = new Map<string, Pending>();
  const uploaded = new Map<string, Promise<void>>();
  const used = new Map<string, EngineInfo>();
  let sequence = 0;

  const settle = (jobId: string, outcome: Outcome): void => {
    const entry = pending.get(jobId);
    if (entry === undefined) return;
    pending.delete(jobId);
    entry.settle(outcome);
  };

  const onFailedReason = (jobId: string, reason: string): void => {
    settle(jobId, {
      kind: 'failed',
      failure: { kind: 'engine-crash', message: `the fleet gave the part up: ${reason}` },
    });
  };

  const queueFor = (name: string): Promise<{ queue: Queue; events: QueueEvents }> => {
    let found = queues.get(name);
    if (found === undefined) {
      found = openQueue(library, name, redis, () => connect('parascad-render-events'), {
        onProgress: (jobId, data) => {
          const entry = pending.get(jobId);
          if (entry === undefined || entry.active) return;
          entry.active = true;
          const worker = (data as Partial<FleetJobProgress> | undefined)?.worker;
          entry.started?.(typeof worker === 'string' ? worker : 'a worker');
        },
        onCompleted: (jobId, value) => {
          settle(jobId, { kind: 'done', result: value as FleetJobResult });
        },
        onFailed: (jobId, reason) => {
          onFailedReason(jobId, reason);
        },
      });
      queues.set(name, found);
    }
    return found;
  };

  // Bounded waits: a lost connection and a queue without workers fail the parts still out.
  let lostSince: number | undefined;
  const unservedSince = new Map<string, number>();
  const lostAfter = (options.lostAfterSeconds ?? 20) * 1000;
  const noWorkerAfter = (options.noWorkerAfterSeconds ?? 10) * 1000;
  const lostFailure: FailureReason = {
    kind: 'io-error',
    message: `lost the connection to Redis at ${where} for ${lostAfter / 1000} s`,
  };
  // Parts on their way into the queue (reading the store, uploading, adding the job) wait on
  // Redis too: once the connection is given up, they fail with the queued ones.
  let inFlight = 0;
  let declareLost = (): void => undefined;
  const lost = new Promise<void>((resolve) => {
    declareLost = resolve;
  });
  const watch = setInterval(() => {
    if (pending.size === 0 && inFlight === 0) return;
    if (redis.status !== 'ready') {
      lostSince ??= Date.now();
      if (Date.now() - lostSince < lostAfter) return;
      declareLost();
      for (const jobId of [...pending.keys()]) {
        settle(jobId, { kind: 'failed', failure: lostFailure });
      }
      return;
    }
    lostSince = undefined;
    ticks++;
    void checkQueues(ticks % 5 === 0).catch(() => undefined);
  }, 1000);
  let ticks = 0;

  const checkQueues = async (pollJobs: boolean): Promise<void> => {
    const waiting = new Set([...pending.values()].map((entry) => entry.queue));
    for (const name of waiting) {
      const { queue } = await queueFor(name);
      // Events missed while a connection was down: the job itself says how it ended.
      for (const [jobId, entry] of pollJobs ? [...pending] : []) {
        if (entry.queue !== name) continue;
        const stored = await queue.getJob(jobId);
        if (stored?.finishedOn === undefined) continue;
        if (stored.failedReason) onFailedReason(jobId, stored.failedReason);
        else settle(jobId, { kind: 'done', result: stored.returnvalue as FleetJobResult });
      }
      if ((await queue.getWorkersCount()) > 0) {
        unservedSince.delete(name);
        continue;
      }
      const since = unservedSince.get(name) ?? Date.now();
      unservedSince.set(name, since);
      if (Date.now() - since < noWorkerAfter) continue;
      for (const [jobId, entry] of pending) {
        if (entry.queue !== name) continue;
        // A part a stopped worker handed back waits again, however it started: the same rule.
        if (entry.active && (await queue.getJobState(jobId).catch(() => 'active')) === 'active') {
          continue;
        }
        await queue.remove(jobId).catch(() => 0);
        settle(jobId, {
          kind: 'failed',
          failure: {
            kind: 'io-error',
            message: `no worker for ${name} has been connected to ${where} for ${noWorkerAfter / 1000} s (start one: parascad worker --queue ${where})`,
          },
        });
      }
    }
  };

  const run = async (part: PartRun, signal: AbortSignal): Promise<PartResult> => {
    inFlight++;
    try {
      return await Promise.race([
        runQueued(part, signal),
        lost.then((): PartResult => ({
          job: part.job,
          engine: part.work.engine.id,
          attempts: part.attempt,
          status: 'failed',
          failure: lostFailure,
          outputs: [],
          diagnostics: [],
          seconds: 0,
          console: '',
        })),
      ]);
    } finally {
      inFlight--;
    }
  };

  const runQueued = async (part: PartRun, signal: AbortSignal): Promise<PartResult> => {
    const { job, work } = part;
    const started = performance.now();
    const base = {
      job,
      engine: work.engine.id,
      attempts: part.attempt,
    };
    const failed = (failure: FailureReason, seconds = 0): PartResult => ({
      ...base,
      status: failure.kind === 'cancelled' ? 'cancelled' : 'failed',
      failure,
      outputs: [],
      diagnostics: [],
      seconds,
      console: '',
    });
    const name = engineQueueName(work.engine);
    used.set(name, {
      ...work.engine,
      source: `fleet at ${where}`,
    });
    const key = partKey(work);

    const finished = await redis.get(finishedKey(key));
    if (finished !== null) {
      const known = JSON.parse(finished) as FinishedPart;
      const delivery = await deliverFleetOutputs(job.outputs, known.outputs, blobs);
      // An evicted or damaged entry is simply rendered again.
      if (delivery.kind === 'ok') {
        const where = `from the fleet's store (rendered by ${known.worker})`;
        part.started?.(where);
        return {
          ...base,
          where,
          status: 'ok',
          outputs: delivery.outputs,
          diagnostics: [],
          seconds: known.seconds,
          console: '',
        };
      }
    }

    try {
      await uploadPartInputs(work, {
        blobs,
        root: options.root,
        libraryPaths: options.libraryPaths,
        uploaded,
      });
    } catch (error) {
      return failed({
        kind: 'io-error',
        message: error instanceof Error ? error.message : String(error),
      });
    }
    if (signal.aborted) return failed({ kind: 'cancelled' });
    const { queue } = await queueFor(name);
    sequence++;
    const jobId = `${runId}.${sequence}`;
    const outcome = new Promise<Outcome>((resolve) => {
      pending.set(jobId, { queue: name, settle: resolve, started: part.started, active: false });
    });
    const data: FleetJobData = { v: 1, runId, work };
    await queue.add('part', data, {
      jobId,
      // BullMQ runs lower numbers first; the run starts parts longest first.
      priority: Math.min(sequence, 2_097_152),
      attempts: 1,
      removeOnComplete: { age: 3600 },
      removeOnFail: { age: 3600 },
    });
    const takeBack = async (): Promise<boolean> => {
      const removed = await queue.remove(jobId).catch(() => 0);
      if (removed === 1) settle(jobId, { kind: 'failed', failure: { kind: 'cancelled' } });
      return removed === 1;
    };
    const onStop = (): void => {
      void takeBack();
    };
    const onAbort = (): void => {
      void takeBack().then(async (removed) => {
        if (removed) return;
        // Running on a worker: it drops the part when it sees the run's cancel.
        await redis.set(cancelKey(fleetPrefix, runId), '1', 'EX', 3600).catch(() => undefined);
        settle(jobId, { kind: 'failed', failure: { kind: 'cancelled' } });
      });
    };
    options.stopSignal?.addEventListener('abort', onStop, { once: true });
    signal.addEventListener('abort', onAbort, { once: true });
    // Either may have come while the job was being queued.
    const stoppedMeanwhile = (): boolean => options.stopSignal?.aborted === true;
    const abortedMeanwhile = (): boolean => signal.aborted;
    if (stoppedMeanwhile()) onStop();
    if (abortedMeanwhile()) onAbort();
    let result: Outcome;
    try {
      result = await outcome;
    } finally {
      options.stopSignal?.removeEventListener('abort', onStop);
      signal.removeEventListener('abort', onAbort);
    }
    const seconds = (performance.now() - started) / 1000;
    if (result.kind === 'failed') return failed(result.failure, seconds);
    const rendered = result.result;
    const diagnostics = rendered.diagnostics.map((diagnostic) =>
      hostDiagnostic(diagnostic, job, options.root, options.libraryPaths),
    );
    const facts = {
      ...base,
      diagnostics,
      seconds: rendered.seconds,
      console: rendered.console,
      where: rendered.worker,
      ...defined({
        peakBytes: rendered.peakBytes,
        geometrySeconds: rendered.geometrySeconds,
        plainGeometry: rendered.plainGeometry,
        dimension: rendered.dimension,
      }),
    };
    if (rendered.status !== 'ok') {
      return {
        ...facts,
        status: rendered.status,
        failure: rendered.failure ?? { kind: 'exit-code', code: -1 },
        outputs: [],
      };
    }
    const delivery = await deliverFleetOutputs(job.outputs, rendered.outputs, blobs);
    if (delivery.kind === 'failed') {
      return { ...facts, status: 'failed', failure: delivery.failure, outputs: [] };
    }
    const keep: FinishedPart = {
      outputs: rendered.outputs,
      seconds: rendered.seconds,
      worker: rendered.worker,
    };
    await redis.set(finishedKey(key), JSON.stringify(keep), 'EX', ttl).catch(() => undefined);
    return { ...facts, status: 'ok', outputs: delivery.outputs };
  };

  return {
    queued: true,
    runId,
    run,
    async survey(engines) {
      const unserved: EngineIdentity[] = [];
      const workers = new Map<string, number>();
      for (const engine of engines) {
        const { queue } = await queueFor(engineQueueName(engine));
        const clients = await queue.getWorkers();
        if (clients.length === 0) unserved.push(engine);
        for (const client of clients) {
          const advert = decodeWorkerAdvert(client['rawname'] ?? '');
          if (advert !== undefined) workers.set(`${advert.host}:${advert.pid}`, advert.jobs);
        }
      }
      return {
        unserved,
        workers: workers.size,
        slots: [...workers.values()].reduce((sum, jobs) => sum + jobs, 0),
      };
    },
    engines: () => [...used.values()],
    async close() {
      clearInterval(watch);
      for (const jobId of [...pending.keys()]) {
        settle(jobId, { kind: 'failed', failure: { kind: 'cancelled' } });
      }
      const closing = Promise.all(
        [...queues.values()].map(async (opened) => {
          const { queue, events } = await opened.catch(() => ({
            queue: undefined,
            events: undefined,
          }));
          await events?.close().catch(() => undefined);
          await queue?.close().catch(() => undefined);
        }),
      );
      // With Redis gone, BullMQ's close waits for a connection that never comes back (commands
      // wait through reconnections): the run would never end, nor answer Ctrl-C. A bounded wait,
      // then the connections are dropped.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        closing,
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, closeGraceMs);
        }),
      ]);
      clearTimeout(timer);
      for (const client of connections) client.disconnect();
    },
  };

  function finishedKey(key: string): string {
    return `${fleetPrefix}:part:${key}`;
  }
}

interface QueueListeners {
  readonly onProgress: (jobId: string, data: unknown) => void;
  readonly onCompleted: (jobId: string, value: unknown) => void;
  readonly onFailed: (jobId: string, reason: string) => void;
}

/** A queue and its event stream (which needs a connection of its own: it blocks reading). */
async function openQueue(
  library: QueueLibrary,
  name: string,
  redis: Redis,
  connect: () => Promise<Redis>,
  listeners: QueueListeners,
): Promise<{ queue: Queue; events: QueueEvents }> {
  const queue = new library.bullmq.Queue(name, { connection: redis, prefix: fleetPrefix });
  // Without a listener BullMQ prints every failed reconnection, stack and all; the run reports
  // a lost connection its own way.
  queue.on('error', () => undefined);
  const events = new library.bullmq.QueueEvents(name, {
    connection: await connect(),
    prefix: fleetPrefix,
  });
  events.on('progress', ({ jobId, data }) => {
    listeners.onProgress(jobId, data);
  });
  events.on('completed', ({ jobId, returnvalue }) => {
    listeners.onCompleted(
      jobId,
      typeof returnvalue === 'string' ? JSON.parse(returnvalue) : returnvalue,
    );
  });
  events.on('failed', ({ jobId, failedReason }) => {
    listeners.onFailed(jobId, failedReason);
  });
  events.on('error', () => undefined);
  await events.waitUntilReady();
  return { queue, events };
}
