import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { digest } from '../../src/job/digest.js';
import type { RenderJob } from '../../src/plan/render-job.js';
import { compareRun } from '../../src/run/compare-run.js';
import type { DeliveredOutput, PartResult } from '../../src/run/part-result.js';

const cube = `solid c
facet normal 0 0 1
outer loop
vertex 0 0 0
vertex 1 0 0
vertex 0 1 0
endloop
endfacet
endsolid c
`;
const bigger = cube.replaceAll('vertex 1 0 0', 'vertex 2 0 0');

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parascad-compare-run-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function job(path: string): RenderJob {
  return {
    id: 'part',
    name: 'part',
    scadFile: join(dir, 'part.scad'),
    outputs: [{ format: 'stl', path }],
  } as unknown as RenderJob;
}

function result(path: string, output: Partial<DeliveredOutput> = {}): PartResult {
  return {
    job: job(path),
    engine: 'wasm',
    status: 'ok',
    outputs: [{ format: 'stl', path, bytes: 0, summary: '', ...output }],
    diagnostics: [],
    seconds: 0,
    attempts: 1,
    console: '',
  };
}

async function run(results: PartResult[]): ReturnType<typeof compareRun> {
  return compareRun({
    projectDir: dir,
    stateFolder: join(dir, '.parascad'),
    jobs: results.map((part) => part.job),
    results,
    startedAt: new Date().toISOString(),
    pickedByName: false,
  });
}

describe('compareRun', () => {
  it("compares nothing on a project's first run, and records it for the next", async () => {
    const path = join(dir, 'part.stl');
    await writeFile(path, cube);
    const first = await run([result(path)]);
    expect(first.changes).toBeUndefined();
    const { changes } = await run([result(path)]);
    expect(changes).toMatchObject({ against: 'previous-run', unchanged: 1, new: 0 });
  });

  it('keeps the previous record of a cached output with the same digest, without reading it', async () => {
    const path = join(dir, 'part.stl');
    await writeFile(path, cube);
    await run([result(path)]);
    // The file is gone: only the digest the cache checked can say it is unchanged.
    await rm(path);
    const { changes } = await run([result(path, { digest: digest(Buffer.from(cube)) })]);
    expect(changes?.parts['part']?.status).toBe('unchanged');
  });

  it('reads and measures a cached output whose digest differs from the previous record', async () => {
    const path = join(dir, 'part.stl');
    await writeFile(path, cube);
    await run([result(path)]);
    await writeFile(path, bigger);
    const { changes } = await run([result(path, { digest: digest(Buffer.from(bigger)) })]);
    expect(changes?.parts['part']?.status).toBe('changed');
    expect(changes?.parts['part']?.outputs['stl']).toMatchObject({ status: 'changed' });
  });

  it('compares a part whose values changed (another id, the same name) with its earlier record', async () => {
    const path = join(dir, 'part.stl');
    await writeFile(path, cube);
    await run([result(path)]);
    await writeFile(path, bigger);
    // `-D width=2`: the part's id carries its values, its name does not.
    const resized = result(path);
    const renamed = { ...resized, job: { ...resized.job, id: 'part#width=2' } };
    const { changes } = await run([renamed]);

    expect(changes).toMatchObject({ changed: 1, new: 0, gone: [] });
    expect(changes?.parts['part#width=2']?.outputs['stl']).toMatchObject({ status: 'changed' });
    // Failing under yet other values, it is not gone either: its last good record stays.
    const failedRun = { ...resized, job: { ...resized.job, id: 'part#width=3' }, outputs: [] };
    expect((await run([failedRun])).changes).toMatchObject({ gone: [] });
    // It replaced the earlier record: going back compares with it, not with both.
    await writeFile(path, cube);
    const back = await run([result(path)]);
    expect(back.changes).toMatchObject({ changed: 1, new: 0, gone: [] });
  });
});
