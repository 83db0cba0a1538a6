import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RenderJob } from '../../src/plan/render-job.js';
import { locateDiagnostics } from '../../src/run/locate-diagnostics.js';
import { readOpenScadFixture } from '../diagnostics/openscad-fixture.js';

let folder: string;
let scadFile: string;
let job: RenderJob;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'parascad-locate-'));
  scadFile = join(folder, 'project.scad');
  await writeFile(
    scadFile,
    [
      '// include <nope.scad> in a comment does not count',
      'include <nope.scad>',
      'use <lib/nope.scad>',
      'module part() //render.model.stl',
      '{ square(1); }',
      '',
    ].join('\n'),
  );
  job = {
    id: 'part',
    name: 'part',
    scadFile,
    module: 'part',
    mode: 'include',
    variables: {},
    quality: {},
    outputs: [{ format: 'stl', path: join(folder, 'outputs', 'part.stl') }],
    declaredAt: { file: scadFile, line: 4, column: 1 },
    requestedAt: { file: scadFile, line: 4, column: 16 },
  };
});

const context = () => ({ scratchDir: join(folder, 'scratch'), inputFiles: [scadFile] });

describe('locateDiagnostics', () => {
  it("places native OpenSCAD's unlocated missing include and library at their statements", async () => {
    const console = [
      readOpenScadFixture('missing-include', '2021'),
      readOpenScadFixture('missing-use', '2021'),
    ].join('');
    const located = await locateDiagnostics(job, console, context());
    expect(located.map(({ message, location }) => [message, location])).toEqual([
      ["Can't open include file 'nope.scad'.", { file: scadFile, line: 2, column: 1 }],
      ["Can't open library 'lib/nope.scad'.", { file: scadFile, line: 3, column: 1 }],
    ]);
  });

  it("places a missing import at its call, in the file of the missing file's folder whose line holds it", async () => {
    const library = join(folder, 'lib', 'parts.scad');
    await mkdir(join(folder, 'lib'), { recursive: true });
    await writeFile(library, '// parts\nmodule part() {\n  cube(1);\n\n  import("gone.stl");\n}\n');
    const console = `WARNING: Can't open import file '${join(folder, 'lib', 'gone.stl')}', import() at line 5\n`;
    const located = await locateDiagnostics(job, console, {
      ...context(),
      inputFiles: [scadFile, library],
    });
    expect(located.map((diagnostic) => diagnostic.location)).toEqual([
      { file: library, line: 5, column: 3 },
    ]);
    // No file there holds such a call on that line (the hybrid's .csg line): the module.
    const elsewhere = `WARNING: Can't open import file '${join(folder, 'gone.stl')}', import() at line 15\n`;
    const unplaced = await locateDiagnostics(job, elsewhere, context());
    expect(unplaced.map((diagnostic) => diagnostic.location)).toEqual([
      { file: scadFile, line: 4, column: 1 },
    ]);
  });

  it('places a wrong-dimension result at the request for the format, an empty one at the module', async () => {
    const notThreeD = await locateDiagnostics(
      job,
      readOpenScadFixture('2d-to-stl', '2021'),
      context(),
    );
    expect(notThreeD.map((diagnostic) => diagnostic.location)).toEqual([job.requestedAt]);
    for (const version of ['2021', '2025'] as const) {
      const empty = await locateDiagnostics(
        job,
        readOpenScadFixture('empty-top-level', version),
        context(),
      );
      const fatal = empty.filter((diagnostic) => diagnostic.fatal);
      expect(fatal.map((diagnostic) => diagnostic.location)).toEqual([job.declaredAt]);
    }
  });

  it("moves messages about parascad's generated files, native and WASM, to the module's declaration", async () => {
    const console = [
      `TRACE: called by 'part' in file ${join(folder, 'scratch', 'definitions.scad')}, line 3`,
      "TRACE: called by 'part' in file /parascad/definitions.scad, line 3",
      '',
    ].join('\n');
    const located = await locateDiagnostics(job, console, context());
    expect(located.map((diagnostic) => diagnostic.location)).toEqual([
      job.declaredAt,
      job.declaredAt,
    ]);
  });

  it("reads 2021's relative paths from its main file's folder: the scratch folder in use mode", async () => {
    const console = `WARNING: Ignoring unknown variable 'x' in file ../../lib/MCAD/gears.scad, line 463\n`;
    const scratchDir = join(folder, 'a', 'scratch');
    const used = await locateDiagnostics({ ...job, mode: 'use' }, console, {
      ...context(),
      scratchDir,
    });
    const included = await locateDiagnostics(job, console, { ...context(), scratchDir });
    expect(used[0]?.location).toEqual({
      file: join(folder, 'lib', 'MCAD', 'gears.scad'),
      line: 463,
    });
    expect(included[0]?.location).toEqual({
      file: join(folder, '..', '..', 'lib', 'MCAD', 'gears.scad'),
      line: 463,
    });
    // A parser error's file is relative to the working folder, the part's file's, in both modes.
    const parser = 'ERROR: Parser error: syntax error in file project.scad, line 5\n';
    const broken = await locateDiagnostics({ ...job, mode: 'use' }, parser, {
      ...context(),
      scratchDir,
    });
    expect(broken[0]?.location).toEqual({ file: scadFile, line: 5 });
  });

  it('leaves echoes as OpenSCAD printed them: they have no place to go', async () => {
    const located = await locateDiagnostics(job, 'ECHO: 1\n', context());
    expect(located).toEqual([{ severity: 'echo', message: '1', fatal: false }]);
  });
});

describe('locateDiagnostics on library files named bare', () => {
  it("reads 2021's bare name of a library file as the one input file of that name", async () => {
    const library = '/usr/share/openscad/libraries/MCAD/2Dshapes.scad';
    const located = await locateDiagnostics(
      job,
      'WARNING: undefined operation (undefined > number) in file 2Dshapes.scad, line 135\n',
      { ...context(), inputFiles: [scadFile, library] },
    );
    expect(located.map(({ location }) => location)).toEqual([{ file: library, line: 135 }]);
  });

  it('keeps the name as resolved when no input file or several have it', async () => {
    const located = await locateDiagnostics(job, 'WARNING: odd in file shapes.scad, line 3\n', {
      ...context(),
      inputFiles: [scadFile, '/a/shapes.scad', '/b/shapes.scad'],
    });
    expect(located.map(({ location }) => location)).toEqual([
      { file: join(folder, 'shapes.scad'), line: 3 },
    ]);
  });
});
