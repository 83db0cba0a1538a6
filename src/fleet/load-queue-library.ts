import type * as Bullmq from 'bullmq';
import type * as Ioredis from 'ioredis';

/** The queue libraries, loaded on demand. */
export interface QueueLibrary {
  readonly bullmq: typeof Bullmq;
  readonly ioredis: typeof Ioredis;
}

let loading: Promise<QueueLibrary> | undefined;

/**
 * BullMQ and ioredis, imported the first time the fleet is used: a local run never loads them
 * (they are a noticeable part of start-up, and a run without `--queue` needs neither).
 */
export function loadQueueLibrary(): Promise<QueueLibrary> {
  loading ??= Promise.all([import('bullmq'), import('ioredis')]).then(([bullmq, ioredis]) => ({
    bullmq,
    ioredis,
  }));
  return loading;
}
