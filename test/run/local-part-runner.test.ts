import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Engine, EngineId, EngineRequest } from '../../src/engines/engine.js';
import { FileDigests } from '../../src/job/file-digests.js';
import { buildPartJob } from '../../src/job/part-job.js';
import type { RenderJob } from '../../src/plan/render-job.js';
import { createLocalPartRunner } from '../../src/run/local-part-runner.js';

const stl =
  'solid t\nfacet normal 0 0 1\nouter loop\nvertex 0 0 0\nvertex 1 0 0\nvertex 0 1 0\nendloop\nendfacet\nendsolid t\n';

function recordingEngine(id: EngineId, requests: EngineRequest[]): Engine {
  return {
    info: { id, version: 'fake', backend: 'manifold', source: 'test' },
    run: async (request) => {
      requests.push(request);
      for (const output of request.outputs) await writeFile(output.tempPath, stl);
      return { exitCode: 0, console: '', routes: [], seconds: 0.1 };
    },
    close: () => Promise.resolve(),
  };
}

describe('createLocalPartRunner', () => {
  it("renders a part job on the engine the job names, with the part's input files", async () => {
    const folder = await mkdtemp(join(tmpdir(), 'parascad-runner-'));
    const scadFile = join(folder, 'p.scad');
    await writeFile(scadFile, 'module gear() cube(1);\n');
    const at = { file: scadFile, line: 1 };
    const job: RenderJob = {
      id: 'p.scad#gear',
      name: 'gear',
      scadFile,
      module: 'gear',
      declaredAt: at,
      requestedAt: at,
      outputs: [{ format: 'stl', path: join(folder, 'out', 'gear.stl') }],
      mode: 'include',
      variables: {},
      quality: {},
    };
    const native: EngineRequest[] = [];
    const wasm: EngineRequest[] = [];
    const runner = createLocalPartRunner({
      engines: new Map([
        ['native', recordingEngine('native', native)],
        ['wasm', recordingEngine('wasm', wasm)],
      ]),
      inputFiles: (file) => [file, join(folder, 'extra.scad')],
      libraryPaths: [],
      memoryLimitBytes: 1e9,
    });
    const work = await buildPartJob(job, {
      root: folder,
      libraryPaths: [],
      inputFiles: [scadFile],
      engine: { id: 'native', version: 'fake', backend: 'manifold' },
      digests: new FileDigests(),
    });
    const result = await runner.run({ job, work, attempt: 1 }, new AbortController().signal);
    expect(result.status).toBe('ok');
    expect(result.engine).toBe('native');
    expect(native).toHaveLength(1);
    expect(wasm).toHaveLength(0);
    expect(native[0]?.inputFiles).toEqual([scadFile, join(folder, 'extra.scad')]);
    expect(await readFile(join(folder, 'out', 'gear.stl'), 'utf8')).toBe(stl);
    expect(runner.engines().map((engine) => engine.id)).toEqual(['native', 'wasm']);
    await runner.close();
  });
});
