import * as z from 'zod';
import type { EngineId } from '../engines/engine.js';
import { engineIdSchema } from '../engines/engine-id-schema.js';

/** An engine a worker renders with: what decides a part's output bytes (see the part key). */
export interface AdvertisedEngine {
  readonly id: EngineId;
  /** OpenSCAD's version, e.g. `2021.01`. */
  readonly version: string;
  readonly backend: 'manifold' | 'cgal';
}

/** An engine as the fleet names it in messages: `wasm 2025.01.19 (manifold)`. */
export function formatAdvertisedEngine(engine: AdvertisedEngine): string {
  return `${engine.id} ${engine.version} (${engine.backend})`;
}

/**
 * What a worker tells the fleet about itself. It travels as the worker's BullMQ name, which
 * BullMQ sets as the Redis client name of its connections: `parascad fleet` reads it back from
 * `Queue.getWorkers()` (Redis's `CLIENT LIST`), so there is no second registry to keep in step,
 * and a worker that dies disappears from the list with its connection.
 */
export interface WorkerAdvert {
  /** The machine's host name. */
  readonly host: string;
  readonly pid: number;
  /** The engines it renders with. */
  readonly engines: readonly AdvertisedEngine[];
  /** Parts it renders at once (`-j`). */
  readonly jobs: number;
  /** Font files it has for `text()`. */
  readonly fonts: number;
  /** parascad's version. */
  readonly parascad: string;
}

/** The advert as a BullMQ worker name: base64url JSON (Redis client names allow no spaces). */
export function encodeWorkerAdvert(advert: WorkerAdvert): string {
  return Buffer.from(JSON.stringify(advert)).toString('base64url');
}

/**
 * Reads an advert back from a Redis client name as `getWorkers()` lists it (`rawname`,
 * `<prefix>:<queue>:w:<name>`), or undefined for a worker that is not parascad's.
 */
export function decodeWorkerAdvert(rawName: string): WorkerAdvert | undefined {
  const name = rawName.slice(rawName.lastIndexOf(':w:') + 3);
  try {
    const value: unknown = JSON.parse(Buffer.from(name, 'base64url').toString('utf8'));
    const advert = workerAdvertSchema.safeParse(value);
    return advert.success ? advert.data : undefined;
  } catch {
    return undefined;
  }
}

/** What a parascad worker's advert must hold; anything else in a client name is someone else's. */
const workerAdvertSchema = z.object({
  host: z.string(),
  pid: z.number(),
  engines: z.array(
    z.object({ id: engineIdSchema, version: z.string(), backend: z.enum(['manifold', 'cgal']) }),
  ),
  jobs: z.number(),
  fonts: z.number(),
  parascad: z.string(),
}) satisfies z.ZodType<WorkerAdvert>;
