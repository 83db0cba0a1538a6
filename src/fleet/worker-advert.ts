import type { EngineId } from '../engines/engine.js';

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
    return isWorkerAdvert(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function isWorkerAdvert(value: unknown): value is WorkerAdvert {
  if (typeof value !== 'object' || value === null) return false;
  const advert = value as Partial<Record<keyof WorkerAdvert, unknown>>;
  return (
    typeof advert.host === 'string' &&
    typeof advert.pid === 'number' &&
    typeof advert.jobs === 'number' &&
    typeof advert.fonts === 'number' &&
    typeof advert.parascad === 'string' &&
    Array.isArray(advert.engines) &&
    advert.engines.every(
      (engine: unknown) =>
        typeof engine === 'object' &&
        engine !== null &&
        ['native', 'wasm'].includes((engine as AdvertisedEngine).id) &&
        typeof (engine as AdvertisedEngine).version === 'string' &&
        ['manifold', 'cgal'].includes((engine as AdvertisedEngine).backend),
    )
  );
}
