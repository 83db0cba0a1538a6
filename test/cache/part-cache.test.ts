import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CacheStore } from '../../src/cache/cache-store.js';
import { PartCache } from '../../src/cache/part-cache.js';
import type { EngineIdentity } from '../../src/job/engine-identity.js';
import { FileDigests } from '../../src/job/file-digests.js';
import { buildPartJob, type PartJob } from '../../src/job/part-job.js';
import type { RenderJob } from '../../src/plan/render-job.js';

const wasm: EngineIdentity = { id: 'wasm', version: '2025.01.19', backend: 'manifold' };
const native: EngineIdentity = { id: 'native', version: '2021.01', backend: 'cgal' };

async function setup() {
  const root = await mkdtemp(join(tmpdir(), 'parascad-part-cache-'));
  await writeFile(join(root, 'box.scad'), 'include <dims.scad>\nmodule lid() cube(w);\n');
  await writeFile(join(root, 'dims.scad'), 'w = 1;\n');
  await writeFile(join(root, 'lid.stl'), 'solid lid\nendsolid lid\n');
  const at = { file: join(root, 'box.scad'), line: 2 };
  const job: RenderJob = {
    id: 'box.scad#lid#0',
    name: 'lid',
    scadFile: join(root, 'box.scad'),
    module: 'lid',
    mode: 'include',
    variables: {},
    quality: {},
    outputs: [{ format: 'stl', path: join(root, 'lid.stl') }],
    declaredAt: at,
    requestedAt: at,
  };
  const cacheOf = () => {
    const digests = new FileDigests();
    const cache = new PartCache(
      new CacheStore(join(root, 'cache')),
      { root, libraryPaths: [], digests },
      { id: 'run-1', at: new Date().toISOString() },
    );
    const work = (engine: EngineIdentity): Promise<PartJob> =>
      buildPartJob(job, { root, libraryPaths: [], inputFiles: [job.scadFile], engine, digests });
    return { cache, work };
  };
  const save = async (engine: EngineIdentity) => {
    const { cache, work } = cacheOf();
    return cache.save({
      work: await work(engine),
      partId: job.id,
      outputs: [{ format: 'stl', path: join(root, 'lid.stl'), summary: '0 facets' }],
      diagnostics: [],
      seconds: 1,
      opened: [join(root, 'box.scad'), join(root, 'dims.scad')],
      absent: [join(root, 'extra.scad')],
    });
  };
  return { root, cacheOf, save };
}

describe('PartCache', () => {
  it('finds a stored part while its recorded files keep their contents', async () => {
    const { cacheOf, save } = await setup();
    expect(await save(wasm)).toBe(true);
    const { cache, work } = cacheOf();
    const found = await cache.lookup([await work(wasm)]);
    expect(found.kind).toBe('hit');
  });

  it('says which recorded file changed, appeared or vanished', async () => {
    const { root, cacheOf, save } = await setup();
    await save(wasm);
    const lookUp = async () => {
      const { cache, work } = cacheOf();
      return cache.lookup([await work(wasm)]);
    };
    await writeFile(join(root, 'dims.scad'), 'w = 2;\n');
    expect(await lookUp()).toMatchObject({ kind: 'miss', reason: 'dims.scad changed' });
    await writeFile(join(root, 'dims.scad'), 'w = 1;\n');
    expect((await lookUp()).kind).toBe('hit');
    await writeFile(join(root, 'extra.scad'), '');
    expect(await lookUp()).toMatchObject({ kind: 'miss', reason: 'extra.scad appeared' });
    await rm(join(root, 'extra.scad'));
    await rm(join(root, 'dims.scad'));
    expect(await lookUp()).toMatchObject({ kind: 'miss', reason: 'dims.scad vanished' });
  });

  it('accepts an entry of any engine it is given, and only those', async () => {
    const { cacheOf, save } = await setup();
    await save(native);
    const { cache, work } = cacheOf();
    expect((await cache.lookup([await work(wasm)])).kind).toBe('miss');
    const either = await cache.lookup([await work(wasm), await work(native)]);
    expect(either.kind === 'hit' ? either.entry.engine : undefined).toEqual(native);
  });

  it('stores nothing when OpenSCAD could not say which files it read', async () => {
    const { cacheOf } = await setup();
    const { cache, work } = cacheOf();
    const saved = await cache.save({
      work: await work(wasm),
      partId: 'p',
      outputs: [],
      diagnostics: [],
      seconds: 1,
      opened: undefined,
      absent: [],
    });
    expect(saved).toBe(false);
    expect((await cache.lookup([await work(wasm)])).kind).toBe('miss');
  });
});
