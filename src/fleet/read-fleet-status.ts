import { connectRedis } from './connect-redis.js';
import { fleetPrefix } from './engine-queue-name.js';
import type { FleetJobData } from './fleet-job.js';
import { loadQueueLibrary } from './load-queue-library.js';
import { decodeWorkerAdvert, encodeWorkerAdvert, type WorkerAdvert } from './worker-advert.js';

/** One engine queue: parts waiting and running. */
export interface QueueStatus {
  /** `wasm-2025.01.19-manifold`: the engine identity its parts need. */
  readonly name: string;
  readonly waiting: number;
  readonly running: number;
  readonly failed: number;
  readonly workers: number;
}

/** A part a worker is rendering now. */
export interface RunningPart {
  readonly name: string;
  readonly runId: string;
  readonly queue: string;
}

export interface WorkerStatus {
  readonly advert: WorkerAdvert;
  readonly running: readonly RunningPart[];
}

export interface FleetStatus {
  readonly queues: readonly QueueStatus[];
  readonly workers: readonly WorkerStatus[];
}

/**
 * The fleet as BullMQ itself sees it: its queues (found by their BullMQ meta keys), the workers
 * connected to each (their Redis client names carry their adverts), the parts they run, and the
 * queue depth. Nothing is kept besides BullMQ's own data.
 */
export async function readFleetStatus(url: string): Promise<FleetStatus> {
  const library = await loadQueueLibrary();
  const redis = await connectRedis(library, url, { name: 'parascad-status' });
  try {
    const names = new Set<string>();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${fleetPrefix}:*:meta`, 'COUNT', 500);
      cursor = next;
      for (const key of keys) names.add(key.slice(fleetPrefix.length + 1, -':meta'.length));
    } while (cursor !== '0');
    const queues: QueueStatus[] = [];
    const workers = new Map<string, { advert: WorkerAdvert; running: RunningPart[] }>();
    for (const name of [...names].sort()) {
      const queue = new library.bullmq.Queue<FleetJobData>(name, {
        connection: redis,
        prefix: fleetPrefix,
      });
      try {
        const counts = await queue.getJobCounts('waiting', 'prioritized', 'active', 'failed');
        const clients = await queue.getWorkers();
        for (const client of clients) {
          const advert = decodeWorkerAdvert(client['rawname'] ?? '');
          if (advert === undefined) continue;
          workers.set(encodeWorkerAdvert(advert), { advert, running: [] });
        }
        for (const job of await queue.getActive()) {
          const worker = job.processedBy === undefined ? undefined : workers.get(job.processedBy);
          worker?.running.push({ name: job.data.work.name, runId: job.data.runId, queue: name });
        }
        queues.push({
          name,
          waiting: (counts['waiting'] ?? 0) + (counts['prioritized'] ?? 0),
          running: counts['active'] ?? 0,
          failed: counts['failed'] ?? 0,
          workers: clients.length,
        });
      } finally {
        await queue.close();
      }
    }
    return { queues, workers: [...workers.values()] };
  } finally {
    redis.disconnect();
  }
}
