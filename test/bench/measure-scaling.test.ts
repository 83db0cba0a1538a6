import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  measureScaling,
  type ScalingEvent,
  type ScalingRunSummary,
} from '../../src/bench/measure-scaling.js';
import { ParascadError } from '../../src/errors.js';
import type { RenderOptions } from '../../src/run/render.js';

type Result = ScalingRunSummary['results'][number];

function part(name: string, seconds: number, status: Result['status'] = 'ok'): Result {
  return {
    job: { id: `project.scad:${name}`, name },
    engine: 'wasm',
    status,
    seconds,
    ...(status === 'ok' ? {} : { failure: { kind: 'exit-code' as const, code: 1 } }),
  };
}

/** Part times of a two-part project: 3 s and 1 s, whatever the workers. */
const twoParts = (): Result[] => [part('tray', 3), part('lid', 1)];

interface FakeRender {
  readonly render: (options: RenderOptions) => Promise<ScalingRunSummary>;
  readonly calls: RenderOptions[];
  /** What each call found in its output folder's parent: the runs before it must be gone. */
  readonly siblings: string[][];
}

/**
 * Stands in for `render()`: writes an output into the folder it is given, as render does, and
 * answers a wall time of `8 / workers` seconds with the parts `results` makes.
 */
function fakeRender(
  results: (workers: number, call: number) => Result[] = twoParts,
  hook?: (call: number) => void,
): FakeRender {
  const calls: RenderOptions[] = [];
  const siblings: string[][] = [];
  return {
    calls,
    siblings,
    render: async (options) => {
      calls.push(options);
      const workers = options.jobs ?? 1;
      if (options.outDir === undefined) throw new Error('the bench must set outDir');
      siblings.push(await readdir(dirname(options.outDir)));
      await mkdir(options.outDir, { recursive: true });
      await writeFile(join(options.outDir, 'tray.stl'), 'solid tray\nendsolid tray\n');
      hook?.(calls.length);
      const parts = results(workers, calls.length);
      return {
        wallSeconds: 8 / workers,
        concurrency: Math.min(workers, parts.length),
        engines: [{ id: 'wasm', version: '2025.01', backend: 'manifold' }],
        results: parts,
      };
    },
  };
}

let tempDir: string;
beforeEach(async () => {
  tempDir = await mkdtemp(join(tmpdir(), 'parascad-measure-scaling-test-'));
});

describe('measureScaling', () => {
  it('renders once untimed with the most workers, then once per count, and measures each run', async () => {
    const fake = fakeRender();
    const outcome = await measureScaling({
      render: fake.render,
      project: { cwd: '/projects/kit', file: 'kit.scad', engine: 'wasm' },
      counts: [1, 2],
      tempDir,
    });

    expect(fake.calls.map((call) => call.jobs)).toEqual([2, 1, 2]);
    for (const call of fake.calls) {
      expect(call).toMatchObject({ cwd: '/projects/kit', file: 'kit.scad', engine: 'wasm' });
    }
    expect(outcome).toEqual({
      status: 'ok',
      parts: 2,
      skipped: [],
      measurements: [
        {
          workers: 1,
          requestedWorkers: 1,
          wallSeconds: 8,
          partSeconds: 4,
          lowerBoundSeconds: 4,
          partEngines: { 'project.scad:tray': 'wasm', 'project.scad:lid': 'wasm' },
          engines: [{ id: 'wasm', version: '2025.01', backend: 'manifold' }],
        },
        expect.objectContaining({ workers: 2, wallSeconds: 4, lowerBoundSeconds: 3 }),
      ],
    });
  });

  it('starts with the smallest count when the warm-up is off', async () => {
    const fake = fakeRender();
    await measureScaling({
      render: fake.render,
      project: {},
      counts: [1, 2],
      warmup: false,
      tempDir,
    });
    expect(fake.calls.map((call) => call.jobs)).toEqual([1, 2]);
  });

  it('gives every run a fresh folder of its own in a temporary folder, and removes it all', async () => {
    const fake = fakeRender();
    const events: ScalingEvent[] = [];
    await measureScaling({
      render: fake.render,
      project: {},
      counts: [1, 2],
      tempDir,
      onEvent: (event) => events.push(event),
    });

    const start = events[0];
    if (start?.type !== 'bench-start') throw new Error('the bench did not say where outputs go');
    expect(dirname(start.outputFolder)).toBe(tempDir);
    const outDirs = fake.calls.map((call) => call.outDir);
    expect(new Set(outDirs).size).toBe(3);
    for (const outDir of outDirs) expect(dirname(outDir ?? '')).toBe(start.outputFolder);
    expect(fake.siblings).toEqual([[], [], []]);
    expect(await readdir(tempDir)).toEqual([]);
  });

  it('reports each run as it starts and finishes', async () => {
    const events: ScalingEvent[] = [];
    await measureScaling({
      render: fakeRender().render,
      project: {},
      counts: [1, 2],
      tempDir,
      onEvent: (event) => events.push(event),
    });
    expect(events.slice(1)).toEqual([
      { type: 'run-start', workers: 2, warmup: true },
      { type: 'run-done', workers: 2, warmup: true, wallSeconds: 4, failed: 0 },
      { type: 'run-start', workers: 1, warmup: false },
      { type: 'run-done', workers: 1, warmup: false, wallSeconds: 8, failed: 0 },
      { type: 'run-start', workers: 2, warmup: false },
      { type: 'run-done', workers: 2, warmup: false, wallSeconds: 4, failed: 0 },
    ]);
  });

  it('skips counts above the number of parts once the one-worker-per-part run is measured', async () => {
    const fake = fakeRender();
    const events: ScalingEvent[] = [];
    const outcome = await measureScaling({
      render: fake.render,
      project: {},
      counts: [1, 2, 4, 8],
      tempDir,
      onEvent: (event) => events.push(event),
    });
    expect(fake.calls.map((call) => call.jobs)).toEqual([8, 1, 2]);
    expect(outcome).toMatchObject({ status: 'ok', skipped: [4, 8] });
    expect(events.filter((event) => event.type === 'skipped')).toEqual([
      { type: 'skipped', workers: 4, parts: 2 },
      { type: 'skipped', workers: 8, parts: 2 },
    ]);
  });

  it('measures a count above the number of parts once, as the workers render() really used', async () => {
    for (const warmup of [true, false]) {
      const fake = fakeRender();
      const outcome = await measureScaling({
        render: fake.render,
        project: {},
        counts: [4, 8],
        warmup,
        tempDir,
      });
      expect(fake.calls.map((call) => call.jobs)).toEqual(warmup ? [8, 4] : [4]);
      expect(outcome).toMatchObject({
        status: 'ok',
        skipped: [8],
        measurements: [{ workers: 2, requestedWorkers: 4 }],
      });
    }
  });

  it('stops at the first run with a part that did not render, and names it', async () => {
    const fake = fakeRender((_, call) =>
      call === 3 ? [part('tray', 3), part('lid', 0.2, 'failed')] : twoParts(),
    );
    const outcome = await measureScaling({
      render: fake.render,
      project: {},
      counts: [1, 2, 3],
      tempDir,
    });
    expect(outcome).toEqual({
      status: 'failed',
      run: 2,
      failures: [{ part: 'lid', failure: { kind: 'exit-code', code: 1 } }],
      measurements: [expect.objectContaining({ workers: 1 })],
    });
    expect(fake.calls).toHaveLength(3);
    expect(await readdir(tempDir)).toEqual([]);
  });

  it('fails in the warm-up without measuring anything when a part does not render there', async () => {
    const fake = fakeRender(() => [part('tray', 1, 'cancelled')]);
    const outcome = await measureScaling({
      render: fake.render,
      project: {},
      counts: [1],
      tempDir,
    });
    expect(outcome).toMatchObject({
      status: 'failed',
      run: 'warm-up',
      measurements: [],
      failures: [{ part: 'tray' }],
    });
    expect(fake.calls).toHaveLength(1);
  });

  it('stops after the render running when the signal aborts, passing the signal to it', async () => {
    const controller = new AbortController();
    const fake = fakeRender(
      (_, call) => (call === 2 ? [part('tray', 1, 'cancelled'), part('lid', 1)] : twoParts()),
      (call) => {
        if (call === 2) controller.abort();
      },
    );
    const outcome = await measureScaling({
      render: fake.render,
      project: {},
      counts: [1, 2],
      signal: controller.signal,
      tempDir,
    });
    expect(outcome).toEqual({ status: 'interrupted', measurements: [] });
    expect(fake.calls).toHaveLength(2);
    expect(fake.calls.every((call) => call.signal === controller.signal)).toBe(true);
    expect(await readdir(tempDir)).toEqual([]);
  });

  it('renders nothing when the signal aborted before it started', async () => {
    const controller = new AbortController();
    controller.abort();
    const fake = fakeRender();
    const outcome = await measureScaling({
      render: fake.render,
      project: {},
      counts: [1, 2],
      signal: controller.signal,
      tempDir,
    });
    expect(outcome.status).toBe('interrupted');
    expect(fake.calls).toEqual([]);
    expect(await readdir(tempDir)).toEqual([]);
  });

  it('counts an error thrown by a render it aborted as the interruption', async () => {
    const controller = new AbortController();
    const outcome = await measureScaling({
      render: () => {
        controller.abort();
        return Promise.reject(new Error('worker terminated'));
      },
      project: {},
      counts: [1],
      signal: controller.signal,
      tempDir,
    });
    expect(outcome.status).toBe('interrupted');
  });

  it('passes on a setup error and still removes the temporary folder', async () => {
    const error = new ParascadError('SCAD_FILE_NOT_FOUND', 'no project.scad here');
    await expect(
      measureScaling({
        render: () => Promise.reject(error),
        project: {},
        counts: [1],
        tempDir,
      }),
    ).rejects.toBe(error);
    expect(await readdir(tempDir)).toEqual([]);
  });
});
