import { describe, expect, it } from 'vitest';
import {
  decodeWorkerAdvert,
  encodeWorkerAdvert,
  type WorkerAdvert,
} from '../../src/fleet/worker-advert.js';
import { engineQueueName } from '../../src/fleet/engine-queue-name.js';
import { describeQueueUrl, parseQueueUrl } from '../../src/fleet/parse-queue-url.js';

const advert: WorkerAdvert = {
  host: 'render-01',
  pid: 4242,
  engines: [
    { id: 'native', version: '2021.01', backend: 'cgal' },
    { id: 'wasm', version: '2025.01.19', backend: 'manifold' },
    // Every worker with both engines serves the hybrid route too.
    { id: 'hybrid', version: '2021.01+2025.01.19', backend: 'manifold' },
  ],
  jobs: 8,
  fonts: 31,
  parascad: '0.1.0',
};

describe('worker adverts', () => {
  it('travel as a Redis client name without spaces and come back from the name BullMQ lists', () => {
    const name = encodeWorkerAdvert(advert);
    expect(name).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeWorkerAdvert(`parascad:d2FzbQ:w:${name}`)).toEqual(advert);
  });

  it('ignore workers that are not parascad workers', () => {
    expect(decodeWorkerAdvert('parascad:d2FzbQ:w:someone-else')).toBeUndefined();
    expect(
      decodeWorkerAdvert(`parascad:q:w:${Buffer.from('{"host":1}').toString('base64url')}`),
    ).toBeUndefined();
    const unknownEngine = { ...advert, engines: [{ id: 'gpu', version: '1', backend: 'cgal' }] };
    expect(
      decodeWorkerAdvert(`parascad:q:w:${encodeWorkerAdvert(unknownEngine as WorkerAdvert)}`),
    ).toBeUndefined();
  });
});

describe('engine queues', () => {
  it('are named after the engine identity a part needs', () => {
    expect(engineQueueName({ id: 'wasm', version: '2025.01.19', backend: 'manifold' })).toBe(
      'wasm-2025.01.19-manifold',
    );
    expect(engineQueueName({ id: 'native', version: '2021.01:x y', backend: 'cgal' })).toBe(
      'native-2021.01_x_y-cgal',
    );
  });
});

describe('--queue addresses', () => {
  it('accept redis:// and rediss:// and refuse anything else with what was expected', () => {
    expect(parseQueueUrl('redis://localhost:6379')).toBe('redis://localhost:6379');
    expect(parseQueueUrl('rediss://user:pw@cache.example:6380/2')).toBe(
      'rediss://user:pw@cache.example:6380/2',
    );
    expect(() => parseQueueUrl('localhost:6379')).toThrow(/redis:\/\/ or rediss:\/\//);
    expect(() => parseQueueUrl('http://localhost')).toThrow(/redis:\/\//);
  });

  it('never show a password in messages', () => {
    expect(describeQueueUrl('redis://me:secret@host:6379')).toBe('redis://me:***@host:6379');
  });
});
