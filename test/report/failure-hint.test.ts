import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import type { RenderJob } from '../../src/plan/render-job.js';
import { failureHint } from '../../src/report/failure-hint.js';
import { failedResult, job, projectDir, scadFile } from './support/run-fixture.js';

function openScadError(part: RenderJob, code: NonNullable<Diagnostic['code']>, message: string) {
  return failedResult(part, 0.1, {
    kind: 'openscad-error',
    diagnostic: { severity: 'error', message, code, fatal: true },
  });
}

const not3d = (part: RenderJob) =>
  openScadError(part, 'not-3d', 'Current top level object is not a 3D object.');

describe('failureHint', () => {
  it('tells a marked module that draws 2D to be marked with a 2D format, naming the 3D ones it cannot have', () => {
    expect(failureHint(not3d(job('plate', ['stl', 'svg'])))).toBe(
      'plate() draws 2D geometry, which stl cannot hold: mark it //render.model.svg (or .dxf, .pdf) instead',
    );
  });

  it('tells a module that draws 3D, asked for a drawing, which mesh formats to ask for', () => {
    const part = job('ball', ['svg', 'dxf']);
    expect(
      failureHint(openScadError(part, 'not-2d', 'Current top level object is not a 2D object.')),
    ).toBe(
      'ball() draws 3D geometry, which svg and dxf cannot hold: mark it //render.model.stl (or .3mf, .off) instead',
    );
  });

  it('speaks the language of the file the part was asked for in', () => {
    const from = (file: string): RenderJob => ({
      ...job('plate'),
      requestedAt: { file: `${projectDir}/${file}`, line: 4 },
    });
    expect(failureHint(not3d(from('render_config.yml')))).toBe(
      'plate() draws 2D geometry, which stl cannot hold: ask for svg, dxf or pdf instead (suffix: svg on its entry in render_config.yml)',
    );
    expect(failureHint(not3d(from('renderer.py')))).toContain(
      '(suffix: svg on its entry in renderer.py)',
    );
    expect(failureHint(not3d(from('parascad.config.yaml')))).toContain(
      '(formats: [svg] on its entry in parascad.config.yaml)',
    );
    // A config named with -c: its kind is not in its name, its place is.
    expect(failureHint(not3d(from('kit.yml')))).toBe(
      'plate() draws 2D geometry, which stl cannot hold: ask for svg, dxf or pdf instead, where it is asked for (kit.yml:4)',
    );
  });

  it('tells a whole file named on the command line to get its formats from a config', () => {
    const { id, name, mode, variables, quality, outputs, declaredAt } = job('flat');
    const whole: RenderJob = {
      id,
      name,
      scadFile,
      mode,
      variables,
      quality,
      outputs,
      declaredAt,
      requestedAt: { file: scadFile, line: 1 },
    };
    expect(failureHint(not3d(whole))).toBe(
      'project.scad draws 2D geometry, which stl cannot hold: ask for svg, dxf or pdf instead (formats: [svg] on its entry in a parascad.config.yaml)',
    );
  });

  it('says why OpenSCAD 2021.01 wrote an empty nef3: the part is a mesh no CSG operation built', () => {
    const empty = { kind: 'invalid-output', format: 'nef3', message: 'the file is empty' } as const;
    const result = failedResult(job('bad', ['nef3']), 0.1, empty);
    expect(failureHint({ ...result, console: 'Not a CGALNefPoly. Add some CSG ops?\n' })).toMatch(
      /writes nef3 only for a result of CSG operations, .*--engine wasm writes nef3 of any mesh$/,
    );
    expect(failureHint(result)).toBeUndefined();
  });

  it('has nothing to add to other failures', () => {
    expect(
      failureHint(openScadError(job('x'), 'empty-top-level', 'Current top level object is empty.')),
    ).toBeUndefined();
    expect(failureHint(failedResult(job('x'), 1, { kind: 'exit-code', code: 1 }))).toBeUndefined();
  });

  it('says a file that starts with a byte order mark is why OpenSCAD cannot parse its first line', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'parascad-bom-'));
    const withBom = join(folder, 'bom.scad');
    const without = join(folder, 'plain.scad');
    await writeFile(withBom, '\uFEFFcube(2);\n');
    await writeFile(without, 'cube(2;\n');
    const parserError = (file: string, line: number) =>
      failedResult(job('a'), 0.1, {
        kind: 'openscad-error',
        diagnostic: {
          severity: 'error',
          message: 'Parser error: syntax error',
          code: 'parser-error',
          fatal: true,
          location: { file, line },
        },
      });
    expect(failureHint(parserError(withBom, 1))).toBe(
      'bom.scad starts with a byte order mark (BOM), which OpenSCAD cannot parse: save it as UTF-8 without BOM',
    );
    expect(failureHint(parserError(withBom, 3))).toBeUndefined();
    expect(failureHint(parserError(without, 1))).toBeUndefined();
  });
});
