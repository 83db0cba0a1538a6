import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// The built package, as programs that depend on parascad import it (`npm test` builds first).
import { ParascadError, render, type RunEvent } from '../../dist/index.js';
import { copyFixture } from '../support/copy-fixture.js';
import { hasNativeOpenScad, nativeSkipReason } from '../support/has-native-openscad.js';

describe('render() from the library', () => {
  it('returns every part as a result and reports the run as events in order', async () => {
    const project = await copyFixture('e2e-config');
    const events: RunEvent[] = [];
    const summary = await render({
      cwd: project,
      engine: 'wasm',
      onEvent: (event) => events.push(event),
    });

    expect(summary.results.map((result) => [result.job.name, result.status])).toEqual([
      ['cube_part', 'ok'],
      ['ring', 'ok'],
    ]);
    expect([summary.ok, summary.failed, summary.cancelled, summary.concurrency]).toEqual([
      2, 0, 0, 2,
    ]);
    expect(summary.results[1]?.outputs.map((output) => [output.format, output.summary])).toEqual([
      ['dxf', expect.stringMatching(/entit/)],
      ['svg', expect.stringMatching(/contour/)],
    ]);
    const types = events.map((event) => event.type);
    expect(types[0]).toBe('run-start');
    expect(types.at(-1)).toBe('run-done');
    expect(types.filter((type) => type === 'part-start')).toHaveLength(2);
    expect(types.filter((type) => type === 'part-done')).toHaveLength(2);
  });

  it('throws a ParascadError with a stable code for a problem found before rendering', async () => {
    const project = await copyFixture('e2e-config');
    await expect(
      render({ cwd: project, file: 'missing.scad', engine: 'wasm' }),
    ).rejects.toMatchObject({
      name: 'ParascadError',
      code: 'SCAD_FILE_NOT_FOUND',
    });
    await expect(render({ cwd: project, engine: 'wasm', jobs: 0 })).rejects.toBeInstanceOf(
      ParascadError,
    );
  });
});

describe.skipIf(!hasNativeOpenScad)(`render() with its own environment ${nativeSkipReason}`, () => {
  it.each(['native', 'wasm'] as const)(
    "finds libraries on the env option's OPENSCADPATH, not parascad's own (%s)",
    async (engine) => {
      const project = await copyFixture('classic-empty');
      for (const [folder, size] of [
        ['libA', 4],
        ['libB', 9],
      ] as const) {
        await mkdir(join(project, folder));
        await writeFile(join(project, folder, 'extlib.scad'), `extsize = ${size};\n`);
      }
      await writeFile(
        join(project, 'project.scad'),
        'include <extlib.scad>\nmodule e() //render.model.stl\n{ cube(extsize); }\n',
      );
      const summary = await render({
        cwd: project,
        engine,
        cache: false,
        env: { ...process.env, OPENSCADPATH: join(project, 'libB') },
      });
      expect(summary.results[0]?.status).toBe('ok');
      expect(summary.results[0]?.outputs[0]?.facts?.bounds.max).toEqual([9, 9, 9]);
    },
  );
});
