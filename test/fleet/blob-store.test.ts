import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blobDigest, createBlobStore } from '../../src/fleet/blob-store.js';
import { connectRedis } from '../../src/fleet/connect-redis.js';
import { loadQueueLibrary } from '../../src/fleet/load-queue-library.js';
import { startRedis, type TestRedis } from '../support/start-redis.js';

describe('the fleet blob store', () => {
  let server: TestRedis;
  let redis: Redis;

  beforeAll(async () => {
    server = await startRedis();
    redis = await connectRedis(await loadQueueLibrary(), server.url, { name: 'test' });
  });
  afterAll(async () => {
    redis.disconnect();
    await server.stop();
  });

  it('stores bytes under their SHA-256 with an expiry and gives them back verified', async () => {
    const blobs = createBlobStore(redis, { prefix: 't1', ttlSeconds: 600 });
    const bytes = new TextEncoder().encode('solid cube\nendsolid cube\n');
    const digest = await blobs.put(bytes);
    expect(digest).toBe(blobDigest(bytes));
    const ttl = await redis.ttl(`t1:blob:${digest}`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(600);
    const fetched = await blobs.get(digest);
    expect(fetched.kind).toBe('ok');
    if (fetched.kind === 'ok') expect(Buffer.compare(fetched.bytes, Buffer.from(bytes))).toBe(0);
  });

  it('writes a content once however often it is put, renewing its expiry', async () => {
    const blobs = createBlobStore(redis, { prefix: 't2', ttlSeconds: 600 });
    const bytes = new TextEncoder().encode('the same include\n');
    const digest = await blobs.put(bytes);
    await redis.expire(`t2:blob:${digest}`, 5);
    const before = Number((await redis.info('stats')).match(/total_commands_processed:(\d+)/)?.[1]);
    await blobs.put(bytes);
    const after = Number((await redis.info('stats')).match(/total_commands_processed:(\d+)/)?.[1]);
    // The INFO before, then one EXPIRE that found the key: no SET carrying the bytes again.
    expect(after - before).toBe(2);
    expect(await redis.ttl(`t2:blob:${digest}`)).toBeGreaterThan(5);
  });

  it('refuses a blob whose content no longer matches its digest', async () => {
    const blobs = createBlobStore(redis, { prefix: 't3' });
    const digest = await blobs.put(new TextEncoder().encode('cube(10);\n'));
    await redis.set(`t3:blob:${digest}`, 'cube(1000);\n', 'KEEPTTL');
    const fetched = await blobs.get(digest);
    expect(fetched).toEqual({
      kind: 'tampered',
      digest,
      actual: blobDigest(new TextEncoder().encode('cube(1000);\n')),
    });
  });

  it('answers a missing blob as missing, and tells which digests it holds', async () => {
    const blobs = createBlobStore(redis, { prefix: 't4' });
    const kept = await blobs.put(new TextEncoder().encode('kept'));
    const absent = blobDigest(new TextEncoder().encode('never stored'));
    expect(await blobs.get(absent)).toEqual({ kind: 'missing', digest: absent });
    expect(await blobs.has([kept, absent])).toEqual([true, false]);
  });

  it('never turns something other than a digest into a key', async () => {
    const blobs = createBlobStore(redis, { prefix: 't5' });
    await expect(blobs.get('../../etc/passwd')).rejects.toThrow(/not a blob digest/);
  });
});

describe('connecting to Redis', () => {
  it('fails at once with a clear error when nothing listens there', async () => {
    const server = await startRedis();
    await server.stop();
    await expect(
      connectRedis(await loadQueueLibrary(), server.url, { name: 'test' }),
    ).rejects.toMatchObject({
      code: 'FLEET_UNREACHABLE',
      message: expect.stringContaining(`Cannot reach Redis at ${server.url}`) as string,
    });
  });
});
