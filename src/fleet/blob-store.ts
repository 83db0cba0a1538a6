import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/** What fetching a blob found: its bytes, nothing, or bytes that are not what the digest names. */
export type BlobFetch =
  | { readonly kind: 'ok'; readonly bytes: Buffer }
  | { readonly kind: 'missing'; readonly digest: string }
  | { readonly kind: 'tampered'; readonly digest: string; readonly actual: string };

export interface BlobStoreOptions {
  /** Key prefix shared by the fleet. @default 'parascad' */
  readonly prefix?: string;
  /**
   * Seconds a blob is kept after it was last written or asked for; Redis's own memory policy
   * may evict it earlier. @default 86400 (a day)
   */
  readonly ttlSeconds?: number;
}

/**
 * Files of the fleet (part inputs, rendered outputs) in Redis under their own keys, named by
 * the SHA-256 of their content, with an expiry. Jobs and results carry digests only: BullMQ
 * keeps job data in hashes (and return values twice), which is no place for megabytes. A blob
 * is sent once per distinct content, and every fetched blob is checked against its digest, so
 * a corrupted or tampered blob is refused instead of rendered or written.
 */
export interface BlobStore {
  /** Stores bytes (unless already there, whose expiry is then renewed) and answers their digest. */
  put(bytes: Uint8Array): Promise<string>;
  /** Which of these digests are stored (renewing their expiry). */
  has(digests: readonly string[]): Promise<boolean[]>;
  /** The bytes of a digest, verified. */
  get(digest: string): Promise<BlobFetch>;
}

/** The SHA-256 of bytes in lower-case hex: a blob's name. */
export function blobDigest(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Whether a string is a blob's name (64 lower-case hex digits): checked before it becomes a key. */
export function isBlobDigest(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);
}

/** A {@link BlobStore} on a Redis connection. */
export function createBlobStore(redis: Redis, options: BlobStoreOptions = {}): BlobStore {
  const prefix = options.prefix ?? 'parascad';
  const ttl = options.ttlSeconds ?? 86_400;
  const key = (digest: string): string => {
    if (!isBlobDigest(digest)) throw new Error(`not a blob digest: ${JSON.stringify(digest)}`);
    return `${prefix}:blob:${digest}`;
  };
  return {
    async put(bytes) {
      const digest = blobDigest(bytes);
      // EXPIRE answers whether the key exists (and renews it): known content is not sent again.
      if ((await redis.expire(key(digest), ttl)) === 1) return digest;
      await redis.set(key(digest), Buffer.from(bytes), 'EX', ttl, 'NX');
      return digest;
    },
    async has(digests) {
      if (digests.length === 0) return [];
      const pipeline = redis.pipeline();
      for (const digest of digests) pipeline.expire(key(digest), ttl);
      const answers = (await pipeline.exec()) ?? [];
      return digests.map((_, index) => answers[index]?.[1] === 1);
    },
    async get(digest) {
      const bytes = await redis.getBuffer(key(digest));
      if (bytes === null) return { kind: 'missing', digest };
      const actual = blobDigest(bytes);
      return actual === digest ? { kind: 'ok', bytes } : { kind: 'tampered', digest, actual };
    },
  };
}
