import type { AdvertisedEngine } from './worker-advert.js';

/** The Redis key prefix of everything the fleet keeps: BullMQ's queues and the blobs. */
export const fleetPrefix = 'parascad';

/**
 * The queue of the parts that need one engine identity (`wasm-2025.01-manifold`): a part goes
 * only to workers that have that engine, version and backend, since they decide its output
 * bytes. Every producer shares these queues; runs are kept apart by their job ids.
 */
export function engineQueueName(engine: AdvertisedEngine): string {
  return `${engine.id}-${engine.version}-${engine.backend}`.replace(/[^A-Za-z0-9._-]/g, '_');
}
