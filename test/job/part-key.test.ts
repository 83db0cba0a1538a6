import { mkdtemp, writeFile, utimes, cp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileDigests } from '../../src/job/file-digests.js';
import { buildPartJob, type PartJob } from '../../src/job/part-job.js';
import { partKey, programKey } from '../../src/job/part-key.js';
import type { EngineIdentity } from '../../src/job/engine-identity.js';
import type { RenderJob } from '../../src/plan/render-job.js';

const wasm: EngineIdentity = { id: 'wasm', version: '2025.01.19', backend: 'manifold' };

async function project(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'parascad-key-'));
  await writeFile(join(root, 'box.scad'), 'include <dims.scad>\nmodule lid() { cube(w); }\n');
  await writeFile(join(root, 'dims.scad'), 'w = 10;\n');
  return root;
}

function planned(root: string, change: Partial<RenderJob> = {}): RenderJob {
  const at = { file: join(root, 'box.scad'), line: 2 };
  return {
    id: 'box.scad#lid#0',
    name: 'lid',
    scadFile: join(root, 'box.scad'),
    module: 'lid',
    mode: 'include',
    variables: { w: '12' },
    quality: { $fn: 32 },
    outputs: [{ format: 'stl', path: join(root, 'outputs', 'lid.stl') }],
    declaredAt: at,
    requestedAt: at,
    ...change,
  };
}

async function jobOf(
  root: string,
  change: Partial<RenderJob> = {},
  engine: EngineIdentity = wasm,
): Promise<PartJob> {
  return buildPartJob(planned(root, change), {
    root,
    libraryPaths: ['/usr/share/openscad/libraries'],
    inputFiles: [join(root, 'box.scad'), join(root, 'dims.scad')],
    absentFiles: [join(root, 'gone.scad')],
    engine,
    digests: new FileDigests(),
  });
}

describe('partKey', () => {
  it('is the same for the same part, wherever the project folder is', async () => {
    const root = await project();
    const moved = await mkdtemp(join(tmpdir(), 'parascad-key-moved-'));
    await cp(root, moved, { recursive: true });
    expect(partKey(await jobOf(moved))).toBe(partKey(await jobOf(root)));
  });

  it('ignores modification times: a touch keeps the key', async () => {
    const root = await project();
    const before = partKey(await jobOf(root));
    const later = new Date(Date.now() + 60_000);
    await utimes(join(root, 'dims.scad'), later, later);
    expect(partKey(await jobOf(root))).toBe(before);
  });

  it('changes with the contents of an input file, and back when the bytes come back', async () => {
    const root = await project();
    const before = partKey(await jobOf(root));
    await writeFile(join(root, 'dims.scad'), 'w = 11;\n');
    const changed = partKey(await jobOf(root));
    expect(changed).not.toBe(before);
    await writeFile(join(root, 'dims.scad'), 'w = 10;\n');
    expect(partKey(await jobOf(root))).toBe(before);
  });

  it('changes when a looked-for file appears', async () => {
    const root = await project();
    const before = await jobOf(root);
    expect(before.inputs['gone.scad']).toBeNull();
    await writeFile(join(root, 'gone.scad'), '');
    const after = await buildPartJob(planned(root), {
      root,
      libraryPaths: [],
      inputFiles: [join(root, 'box.scad'), join(root, 'dims.scad'), join(root, 'gone.scad')],
      engine: wasm,
      digests: new FileDigests(),
    });
    expect(partKey(after)).not.toBe(partKey(before));
  });

  it('changes with every setting that decides the output bytes', async () => {
    const root = await project();
    const base = partKey(await jobOf(root));
    const variants = [
      await jobOf(root, { variables: { w: '13' } }),
      await jobOf(root, { quality: { $fn: 64 } }),
      await jobOf(root, { module: 'base' }),
      await jobOf(root, { mode: 'use' }),
      await jobOf(root, { outputs: [{ format: 'off', path: join(root, 'lid.off') }] }),
      await jobOf(root, {}, { ...wasm, version: '2025.02' }),
      await jobOf(root, {}, { ...wasm, backend: 'cgal' }),
      await jobOf(root, {}, { id: 'native', version: '2025.01.19', backend: 'manifold' }),
    ];
    const keys = variants.map((job) => partKey(job));
    expect(new Set([base, ...keys]).size).toBe(keys.length + 1);
  });

  it('does not change with where the outputs go, or the part name', async () => {
    const root = await project();
    const base = partKey(await jobOf(root));
    const elsewhere = await jobOf(root, {
      name: 'other',
      outputs: [{ format: 'stl', path: join(root, 'elsewhere', 'x.stl') }],
    });
    expect(partKey(elsewhere)).toBe(base);
  });

  it('keys recorded dependencies on top of the program key', async () => {
    const job = await jobOf(await project());
    expect(partKey(job, {})).not.toBe(partKey(job));
    expect(programKey(job)).toBe(programKey({ ...job, inputs: {} }));
  });
});

describe('buildPartJob', () => {
  it('names inputs relative to the root, library files under <lib>/, and is plain JSON', async () => {
    const root = await project();
    const job = await buildPartJob(planned(root), {
      root,
      libraryPaths: ['/usr/share/openscad/libraries'],
      inputFiles: [join(root, 'box.scad'), '/usr/share/openscad/libraries/MCAD/units.scad'],
      engine: wasm,
      digests: new FileDigests(),
    });
    expect(Object.keys(job.inputs)).toEqual(['<lib>/MCAD/units.scad', 'box.scad']);
    expect(job.program.path).toBe('box.scad');
    expect(job.part).toEqual({
      file: 'box.scad',
      module: 'lid',
      mode: 'include',
      variables: { w: '12' },
      quality: { $fn: 32 },
    });
    expect(JSON.parse(JSON.stringify(job))).toEqual(job);
  });
});

describe('the part key and the STL encoding', () => {
  it('changes with binary STL, whose bytes differ, and stays as it was for ASCII', async () => {
    const root = await project();
    const build = (stl?: 'ascii' | 'binary'): Promise<PartJob> =>
      buildPartJob(planned(root), {
        root,
        libraryPaths: [],
        inputFiles: [join(root, 'box.scad'), join(root, 'dims.scad')],
        engine: wasm,
        digests: new FileDigests(),
        stl,
      });
    const [unset, ascii, binary] = await Promise.all([build(), build('ascii'), build('binary')]);

    expect(partKey(ascii)).toBe(partKey(unset));
    expect(partKey(binary)).not.toBe(partKey(ascii));
    expect(binary.stl).toBe('binary');
  });
});
