import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine, EngineRequest, EngineRun } from '../../src/engines/engine.js';
import { blobDigest, createBlobStore, type BlobStore } from '../../src/fleet/blob-store.js';
import { connectRedis } from '../../src/fleet/connect-redis.js';
import type { FleetJobData } from '../../src/fleet/fleet-job.js';
import { loadQueueLibrary } from '../../src/fleet/load-queue-library.js';
import { processFleetJob } from '../../src/fleet/process-fleet-job.js';
import { FileDigests } from '../../src/job/file-digests.js';
import { buildPartJob, type PartJob } from '../../src/job/part-job.js';
import type { RenderJob } from '../../src/plan/render-job.js';
import { makeFolder } from '../../src/util/make-folder.js';
import { startRedis, type TestRedis } from '../support/start-redis.js';

/** An engine that writes a small valid STL and records what it was asked to run. */
function fakeEngine(requests: EngineRequest[]): Engine {
  return {
    info: { id: 'wasm', version: '2025.01.19', backend: 'manifold', source: 'test' },
    async run(request): Promise<EngineRun> {
      requests.push(request);
      for (const output of request.outputs) {
        await writeFile(
          output.tempPath,
          'solid t\nfacet normal 0 0 1\nouter loop\nvertex 0 0 0\nvertex 1 0 0\nvertex 0 1 0\nendloop\nendfacet\nendsolid t\n',
        );
      }
      return { exitCode: 0, console: '', routes: [], seconds: 0.01 };
    },
    close: () => Promise.resolve(),
  };
}

describe('a worker rendering a queued part', () => {
  let server: TestRedis;
  let redis: Redis;
  let blobs: BlobStore;
  let scratchDir: string;

  beforeAll(async () => {
    server = await startRedis();
    redis = await connectRedis(await loadQueueLibrary(), server.url, { name: 'test' });
    blobs = createBlobStore(redis, { prefix: 'parascad' });
    scratchDir = await mkdtemp(join(tmpdir(), 'parascad-worker-test-'));
  });
  afterAll(async () => {
    redis.disconnect();
    await server.stop();
    await rm(scratchDir, { recursive: true, force: true });
  });

  /**
   * A job as a producer sends it: built by `buildPartJob` from a planned part whose files are
   * then put in the store (`part` overrides its structured fields afterwards, as a queue could).
   */
  async function jobFor(
    files: Record<string, string>,
    part: Partial<PartJob['part']> = {},
    planned: Partial<RenderJob> = {},
  ): Promise<FleetJobData> {
    const root = await mkdtemp(join(scratchDir, 'producer-'));
    const inputs: Record<string, string> = {};
    for (const [path, text] of Object.entries(files)) {
      await makeFolder(dirname(join(root, path)));
      await writeFile(join(root, path), text);
      inputs[path] = await blobs.put(new TextEncoder().encode(text));
    }
    const location = { file: join(root, 'main.scad'), line: 1 };
    const built = await buildPartJob(
      {
        id: 'main.scad#box',
        name: 'box',
        scadFile: join(root, 'main.scad'),
        module: 'box',
        mode: 'include',
        variables: {},
        quality: {},
        outputs: [{ format: 'stl', path: join(root, 'box.stl') }],
        declaredAt: location,
        requestedAt: location,
        ...planned,
      },
      {
        root,
        libraryPaths: [],
        inputFiles: Object.keys(files).map((path) => join(root, path)),
        engine: { id: 'wasm', version: '2025.01.19', backend: 'manifold' },
        digests: new FileDigests(),
        stl: planned.stl,
      },
    );
    const work = { ...built, part: { ...built.part, ...part }, inputs } as PartJob;
    return { v: 1, runId: 'test', work };
  }

  const context = (engine: Engine) => ({
    blobs,
    engines: [engine],
    scratchDir,
    libraryPaths: [],
    memoryLimitBytes: 2 ** 30,
    signal: new AbortController().signal,
  });

  it('rebuilds the program from the structured fields, renders in scratch and stores the output as a blob', async () => {
    const requests: EngineRequest[] = [];
    const data = await jobFor(
      {
        'main.scad': 'include <lib/shapes.scad>\nmodule box() { shape(); }\n',
        'lib/shapes.scad': 'module shape() { cube(1); }\n',
      },
      {},
      {
        variables: { size: '[1, 2]', label: '"a\\"b"' },
        arguments: ['size'],
        quality: { $fn: 32 },
      },
    );
    const result = await processFleetJob(data, context(fakeEngine(requests)));
    expect(result.status).toBe('ok');
    const [request] = requests;
    // The user's file (fetched into scratch) with the part's statements: never the queue's text.
    expect(request?.program.file).toBe(
      join(
        request?.program.file.slice(0, request.program.file.indexOf('/root/') + 5) ?? '',
        'main.scad',
      ),
    );
    expect(request?.program.file.startsWith(scratchDir)).toBe(true);
    expect(request?.program.defines).toEqual(expect.arrayContaining(['size = [1, 2]', '$fn = 32']));
    expect(request?.program.useCall ?? request?.program.defines.at(-1)).toBe('box(size = size)');
    expect(JSON.stringify(request?.program)).not.toContain('/etc/passwd');
    expect(request?.inputFiles.every((file) => file.startsWith(scratchDir))).toBe(true);
    const [output] = result.outputs;
    const fetched = await blobs.get(output?.digest ?? '');
    expect(fetched.kind).toBe('ok');
  });

  it.each([
    [
      'a variable that is not an OpenSCAD literal',
      { variables: { size: 'import("/etc/passwd")' } },
      /not an OpenSCAD literal/,
    ],
    [
      'a module name that is program text',
      { module: 'box(); import("/etc/passwd")' },
      /not a module name/,
    ],
    ['a file outside the job', { file: '../../etc/passwd' }, /outside the job's folder/],
    ['a quality that is not a number', { quality: { $fn: '64; echo(1)' } }, /must be a number/],
    [
      'an argument that is not one of its variables',
      { variables: { w: '1' }, arguments: ['w', 'x); import("/etc/passwd"'] },
      /arguments must name the part's variables/,
    ],
  ])('refuses %s, running nothing', async (_what, part, message) => {
    const requests: EngineRequest[] = [];
    const data = await jobFor(
      { 'main.scad': 'module box() cube(1);\n' },
      part as Partial<PartJob['part']>,
    );
    const result = await processFleetJob(data, context(fakeEngine(requests)));
    expect(result.status).toBe('failed');
    expect(result.failure?.kind === 'io-error' ? result.failure.message : '').toMatch(message);
    expect(requests).toEqual([]);
  });

  it("rebuilds what a run plans beyond the program: binary STL, a used file's own $fn", async () => {
    const requests: EngineRequest[] = [];
    const data = await jobFor(
      { 'main.scad': '$fn = 12;\nmodule box() cylinder(r = 1, h = 1);\n' },
      {},
      {
        mode: 'use',
        stl: 'binary',
        qualityFrom: {
          kind: 'file',
          assigned: [{ text: '$fn = 12', at: { file: 'main.scad', line: 1 } }],
        },
      },
    );
    expect(data.work.part.fileQuality).toEqual({ $fn: '12' });
    const result = await processFleetJob(data, context(fakeEngine(requests)));
    expect(result.status).toBe('ok');
    expect(requests[0]?.program.defines).toContain('$fn = 12');
    expect(requests[0]?.binaryStl).toBe(true);
  });

  it.each([
    [
      'program text of its own',
      (work: PartJob) => ({
        ...work,
        program: { ...work.program, defines: ['import("/etc/passwd")'] },
      }),
    ],
    [
      'a file quality that is program text',
      (work: PartJob) => ({
        ...work,
        part: { ...work.part, fileQuality: { $fn: 'len(import("/etc/passwd"))' } },
      }),
    ],
    ['an unknown STL encoding', (work: PartJob) => ({ ...work, stl: 'ascii; rm' })],
  ])('refuses a job with %s, running nothing', async (_what, change) => {
    const requests: EngineRequest[] = [];
    const data = await jobFor({ 'main.scad': 'module box() cube(1);\n' });
    const changed = { ...data, work: change(data.work) as PartJob };
    const result = await processFleetJob(changed, context(fakeEngine(requests)));
    expect(result.status).toBe('failed');
    expect(result.failure?.kind === 'io-error' ? result.failure.message : '').toMatch(/refused/);
    expect(requests).toEqual([]);
  });

  it('refuses a part whose file imports an absolute path on the worker', async () => {
    const requests: EngineRequest[] = [];
    const outside = join(scratchDir, '..', `parascad-secret-${process.pid}.stl`);
    await writeFile(outside, 'solid s\nendsolid s\n');
    try {
      const data = await jobFor({ 'main.scad': `module box() import("${outside}");\n` });
      const result = await processFleetJob(data, context(fakeEngine(requests)));
      expect(result.failure?.kind === 'io-error' ? result.failure.message : '').toMatch(
        /outside the files it was sent/,
      );
      expect(requests).toEqual([]);
    } finally {
      await rm(outside, { force: true });
    }
  });

  it('refuses an input whose blob was tampered with', async () => {
    const requests: EngineRequest[] = [];
    const data = await jobFor({ 'main.scad': 'module box() cube(1);\n' });
    const digest = data.work.inputs['main.scad'] ?? '';
    await redis.set(`parascad:blob:${digest}`, 'module box() import("/etc/passwd");\n', 'KEEPTTL');
    const result = await processFleetJob(data, context(fakeEngine(requests)));
    expect(result.failure?.kind === 'io-error' ? result.failure.message : '').toMatch(
      /does not match its digest/,
    );
    expect(requests).toEqual([]);
    expect(blobDigest(new TextEncoder().encode('module box() cube(1);\n'))).toBe(digest);
  });

  it('refuses a part for an engine it does not have', async () => {
    const data = await jobFor({ 'main.scad': 'module box() cube(1);\n' });
    const native = {
      ...data,
      work: { ...data.work, engine: { id: 'native', version: '2021.01', backend: 'cgal' } },
    } as FleetJobData;
    const result = await processFleetJob(native, context(fakeEngine([])));
    expect(result.failure?.kind === 'io-error' ? result.failure.message : '').toMatch(
      /no native OpenSCAD 2021.01/,
    );
  });
});
