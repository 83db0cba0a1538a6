import type { Redis } from 'ioredis';
import { ParascadError } from '../errors.js';
import type { QueueLibrary } from './load-queue-library.js';
import { describeQueueUrl } from './parse-queue-url.js';

export interface ConnectRedisOptions {
  /** Who connects, for the client name Redis lists (`CLIENT LIST`). */
  readonly name: string;
  /** How long the first connection may take before it counts as unreachable. @default 3000 */
  readonly connectTimeoutMs?: number;
}

/**
 * Connects to Redis and answers once it answers a PING; an unreachable server is a
 * {@link ParascadError} within `connectTimeoutMs`, never a silent hang. Later losses are
 * retried by ioredis (every second at most), and commands wait meanwhile; callers that must
 * not wait forever watch the connection (see `watchConnection`).
 */
export async function connectRedis(
  library: QueueLibrary,
  url: string,
  options: ConnectRedisOptions,
): Promise<Redis> {
  const timeoutMs = options.connectTimeoutMs ?? 3000;
  // No retries until the first connection stands: a refused one is answered at once.
  let connected = false;
  const client = new library.ioredis.Redis(url, {
    lazyConnect: true,
    connectionName: options.name,
    // BullMQ needs commands to wait through a reconnection rather than fail after n tries.
    maxRetriesPerRequest: null,
    connectTimeout: timeoutMs,
    retryStrategy: (times) => (connected ? Math.min(times * 200, 1000) : null),
  });
  let lastError: Error | undefined;
  // Without a listener ioredis prints every failed reconnection; callers report them their way.
  client.on('error', (error: Error) => {
    lastError = error;
  });
  try {
    await withTimeout(
      client.connect().then(() => client.ping()),
      timeoutMs,
      () => lastError,
    );
    connected = true;
  } catch (error) {
    // A connection that already ended needs no disconnect (which would hold the process 2 s).
    if (client.status !== 'end') client.disconnect();
    const cause = lastError?.message ?? (error instanceof Error ? error.message : String(error));
    throw new ParascadError(
      'FLEET_UNREACHABLE',
      `Cannot reach Redis at ${describeQueueUrl(url)}: ${cause}`,
      'Check the address and that redis-server runs there and accepts connections from this machine.',
    );
  }
  return client;
}

function withTimeout<T>(
  promise: Promise<T>,
  ms: number,
  lastError: () => Error | undefined,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(lastError() ?? new Error(`no answer within ${ms / 1000} s`));
    }, ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
