import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The built engine: its worker threads load the compiled wasm-worker.js (`npm test` builds first).
import type { Engine, EngineRun } from '../../../dist/engines/engine.js';
import { createWasmEngine } from '../../../dist/engines/wasm/wasm-engine.js';
import { stlBounds, stlFacetCount } from '../../support/stl.js';

const shippedFont = fileURLToPath(
  new URL('../../fixtures/projects/e2e-text/fonts/ParascadBox.ttf', import.meta.url),
);

let folder: string;
let noFonts: string;
let engine: Engine;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'parascad-wasm-engine-'));
  noFonts = join(folder, 'no-fonts');
  // A machine without fonts: the only font folder is empty.
  engine = await createWasmEngine({ threads: 1, fontFolders: [noFonts] });
});
afterAll(async () => {
  await engine.close();
  await rm(folder, { recursive: true, force: true });
});

let parts = 0;
/** Renders a generated program to one output and gives the run and the file written. */
async function render(
  source: string,
  format: string,
  inputFiles: readonly string[] = [],
): Promise<{ run: EngineRun; output: string | undefined }> {
  parts += 1;
  const tempPath = join(folder, `part${parts}.${format}`);
  const file = join(folder, `part${parts}.scad`);
  await writeFile(file, source);
  const run = await engine.run({
    program: { file, defines: [] },
    scratchDir: await mkdtemp(join(folder, 'scratch-')),
    outputs: [{ format, tempPath }],
    inputFiles: [file, ...inputFiles],
    libraryPaths: [],
    signal: new AbortController().signal,
    memoryLimitBytes: 4 * 1024 ** 3,
  });
  const output = await readFile(tempPath, 'utf8').catch(() => undefined);
  return { run, output };
}

describe('the wasm engine on a machine without fonts', () => {
  it('fails a text() part, saying where it looked and what to install', async () => {
    const { run } = await render('linear_extrude(1) text("parascad");', 'stl');
    expect(run.diagnostics).toEqual([
      {
        severity: 'error',
        code: 'font-missing',
        fatal: true,
        message: expect.stringContaining(
          `found no font files (.ttf, .otf, .ttc, .pfb) in ${noFonts}`,
        ) as string,
      },
    ]);
    expect(run.diagnostics?.[0]?.message).toMatch(/apt-get install fonts-liberation/);
    expect(run.console).toMatch(/WARNING: Can't get font/);
  });

  it('fails a part whose text OpenSCAD would silently leave out beside other geometry', async () => {
    const { run, output } = await render('cube(1); linear_extrude(1) text("parascad");', 'stl');
    // OpenSCAD itself succeeds, with the cube alone.
    expect(run.exitCode).toBe(0);
    expect(stlFacetCount(output ?? '')).toBe(12);
    expect(run.diagnostics?.map((diagnostic) => [diagnostic.code, diagnostic.fatal])).toEqual([
      ['font-missing', true],
    ]);
  });

  it('draws with a font the project ships, quietly', async () => {
    const { run, output } = await render(
      `use <${shippedFont}>\nlinear_extrude(1) text("I", size = 10, font = "Parascad Box");`,
      'stl',
      [shippedFont],
    );
    expect(run.exitCode, run.console).toBe(0);
    expect(run.diagnostics).toBeUndefined();
    expect(run.console).not.toMatch(/Fontconfig error/);
    // The font's one glyph: a box 50–550 by 0–700 units of a 1000-unit em, which is 10 / 0.72 mm.
    const [min, max] = stlBounds(output ?? '');
    expect([min[0], min[1], max[0], max[1]].map((value) => value.toFixed(4))).toEqual([
      '0.6944',
      '0.0000',
      '7.6389',
      '9.7222',
    ]);
  });

  it('renders a part without text as before', async () => {
    const { run, output } = await render('cube(2);', 'stl');
    expect(run.exitCode).toBe(0);
    expect(run.diagnostics).toBeUndefined();
    expect(stlFacetCount(output ?? '')).toBe(12);
  });
});

describe('the wasm engine and png', () => {
  it('refuses png before starting, naming the native engine', async () => {
    const { run, output } = await render('cube(1);', 'png');
    expect(run).toEqual({
      exitCode: null,
      console: '',
      routes: [],
      seconds: 0,
      diagnostics: [
        {
          severity: 'error',
          code: 'export-not-supported',
          fatal: true,
          message:
            'the WASM OpenSCAD cannot render png images: it has no OpenGL (it exits 1 and writes nothing); render png with --engine native',
        },
      ],
    });
    expect(output).toBeUndefined();
  });
});

describe('the wasm engine running parts one after another in one worker thread', () => {
  it('does not let a part read the files given to the part before it', async () => {
    const library = join(folder, 'given-once.scad');
    await writeFile(library, 'module shape() { cube(3); }\n');
    const given = await render(`include <${library}>\nshape();`, 'stl', [library]);
    expect(given.run.exitCode).toBe(0);
    const notGiven = await render(`include <${library}>\nshape();`, 'stl');
    expect(notGiven.run.console).toContain("Can't open include file");
    expect(notGiven.output).toBeUndefined();
  });

  it('gives each part the console and memory of a fresh instance', async () => {
    // A ~4 MB string outgrows the instance's first 16 MB of memory.
    const big = await render(
      'function twice(s, n) = n == 0 ? s : twice(str(s, s), n - 1); echo("big", len(twice("x", 22))); cube(1);',
      'stl',
    );
    const small = await render('echo("small"); cube(1);', 'stl');
    const again = await render('echo("small"); cube(1);', 'stl');
    expect(big.run.peakBytes).toBeGreaterThan(small.run.peakBytes ?? Infinity);
    expect(again.run.peakBytes).toBe(small.run.peakBytes);
    expect(small.run.console).not.toContain('big');
    expect(again.run.console.replace(/Total rendering time.*\n/, '')).toBe(
      small.run.console.replace(/Total rendering time.*\n/, ''),
    );
    expect(again.output).toBe(small.output);
  });

  it('renders the next part after one that trapped on endless recursion', async () => {
    const trapped = await render('function f(n) = f(n + 1) + 1; echo(f(0));', 'stl');
    expect(trapped.run.exitCode).toBeNull();
    const next = await render('cube(2);', 'stl');
    expect(next.run.exitCode).toBe(0);
    expect(stlFacetCount(next.output ?? '')).toBe(12);
  });
});
