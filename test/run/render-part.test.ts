import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { geometryDigest } from '../../src/changes/geometry-digest.js';
import type { Engine, EngineRequest, EngineRun } from '../../src/engines/engine.js';
import type { RenderJob } from '../../src/plan/render-job.js';
import { renderPart, type RenderPartContext } from '../../src/run/render-part.js';

const stl =
  'solid t\nfacet normal 0 0 1\nouter loop\nvertex 0 0 0\nvertex 1 0 0\nvertex 0 1 0\nendloop\nendfacet\nendsolid t\n';

/** An engine that does what the test says, without OpenSCAD. */
function fakeEngine(behave: (request: EngineRequest) => Promise<EngineRun>): Engine {
  return {
    info: { id: 'wasm', version: 'fake', backend: 'manifold', source: 'test' },
    run: behave,
    close: () => Promise.resolve(),
  };
}

/** Writes every requested output and succeeds. */
async function succeed(request: EngineRequest): Promise<EngineRun> {
  for (const output of request.outputs) await writeFile(output.tempPath, stl);
  return { exitCode: 0, console: '', routes: [], seconds: 0.1 };
}

/** Writes half an output, then waits until stopped, as a killed OpenSCAD does. */
function hang(request: EngineRequest): Promise<EngineRun> {
  return new Promise((resolve) => {
    const stopped = (): void => {
      resolve({ exitCode: null, console: '', crash: 'stopped', routes: [], seconds: 0.2 });
    };
    // Like the real engines, a request cancelled before it arrives stops at once.
    if (request.signal.aborted) {
      stopped();
      return;
    }
    void writeFile(request.outputs[0]?.tempPath ?? '', 'solid half');
    request.signal.addEventListener('abort', stopped);
  });
}

async function setup(): Promise<{ job: RenderJob; folder: string }> {
  const folder = await mkdtemp(join(tmpdir(), 'parascad-part-'));
  const at = { file: join(folder, 'p.scad'), line: 1 };
  const job: RenderJob = {
    id: 'p.scad#gear',
    name: 'gear',
    scadFile: at.file,
    module: 'gear',
    declaredAt: at,
    requestedAt: at,
    outputs: [{ format: 'stl', path: join(folder, 'out', 'gear.stl') }],
    mode: 'include',
    variables: {},
    quality: { $fn: 32 },
  };
  return { job, folder };
}

function context(engine: Engine, overrides: Partial<RenderPartContext> = {}): RenderPartContext {
  return {
    engine,
    signal: new AbortController().signal,
    inputFiles: [],
    libraryPaths: [],
    memoryLimitBytes: 1024 ** 3,
    attempt: 1,
    ...overrides,
  };
}

describe('renderPart', () => {
  it('says the engine is done before it checks and moves the outputs, so that the next part can start', async () => {
    const { job, folder } = await setup();
    const finalPath = join(folder, 'out', 'gear.stl');
    const seen: string[] = [];
    const result = await renderPart(
      job,
      context(fakeEngine(succeed), {
        onEngineDone: () => {
          seen.push(existsSync(finalPath) ? 'output in place' : 'output not yet in place');
        },
      }),
    );
    expect(result.status).toBe('ok');
    expect(seen).toEqual(['output not yet in place']);
  });

  it('renames checked outputs into place', async () => {
    const { job, folder } = await setup();
    const result = await renderPart(job, context(fakeEngine(succeed)));
    expect(result.status).toBe('ok');
    expect(await readFile(join(folder, 'out', 'gear.stl'), 'utf8')).toBe(stl);
    expect(await readdir(join(folder, 'out'))).toEqual(['gear.stl']);
  });

  it("fingerprints each output from the check's one read: its bytes' SHA-256 and its geometry's digest", async () => {
    const { job, folder } = await setup();
    const result = await renderPart(job, context(fakeEngine(succeed)));
    const bytes = await readFile(join(folder, 'out', 'gear.stl'));
    expect(result.outputs[0]).toMatchObject({
      digest: createHash('sha256').update(bytes).digest('hex'),
      geometryDigest: geometryDigest('stl', bytes),
    });
    expect(result.outputs[0]?.geometryDigest).toMatch(/^g2-[0-9a-f]{64}$/);
  });

  it('stops a part at its timeout, keeps the earlier output and leaves no partial file', async () => {
    const { job, folder } = await setup();
    await renderPart(job, context(fakeEngine(succeed)));
    const result = await renderPart(job, context(fakeEngine(hang), { timeoutSeconds: 0.05 }));
    expect(result.failure).toEqual({ kind: 'timeout', seconds: 0.05 });
    expect(await readFile(join(folder, 'out', 'gear.stl'), 'utf8')).toBe(stl);
    expect(await readdir(join(folder, 'out'))).toEqual(['gear.stl']);
  });

  it("counts a part stopped by the run's cancel as cancelled, not failed", async () => {
    const { job, folder } = await setup();
    const cancel = new AbortController();
    const pending = renderPart(job, context(fakeEngine(hang), { signal: cancel.signal }));
    cancel.abort();
    const result = await pending;
    expect(result.status).toBe('cancelled');
    expect(await readdir(join(folder, 'out'))).toEqual([]);
  });

  it('keeps a part that finished although the cancel came during its last moments', async () => {
    const { job } = await setup();
    const cancel = new AbortController();
    const result = await renderPart(
      job,
      context(
        fakeEngine(async (request) => {
          const run = await succeed(request);
          cancel.abort();
          return run;
        }),
        { signal: cancel.signal },
      ),
    );
    expect(result.status).toBe('ok');
  });

  it('reports a render the engine stopped for its memory as a memory failure', async () => {
    const { job } = await setup();
    const result = await renderPart(
      job,
      context(
        fakeEngine(() =>
          Promise.resolve({
            exitCode: null,
            console: '',
            crash: 'too much memory',
            routes: [],
            seconds: 1,
            memoryExceededBytes: 2048,
          }),
        ),
        { memoryLimitBytes: 1024 },
      ),
    );
    expect(result.failure).toEqual({ kind: 'memory-limit', limitBytes: 1024, usedBytes: 2048 });
  });

  it('fails a part whose output is empty even though the engine exited 0', async () => {
    const { job } = await setup();
    const result = await renderPart(
      job,
      context(
        fakeEngine(async (request) => {
          for (const output of request.outputs) await writeFile(output.tempPath, '');
          return { exitCode: 0, console: '', routes: [], seconds: 0.1 };
        }),
      ),
    );
    expect(result.failure?.kind).toBe('invalid-output');
  });
});
