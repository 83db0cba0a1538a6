import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { copyFixture } from '../support/copy-fixture.js';
import { hasNativeOpenScad, nativeSkipReason } from '../support/has-native-openscad.js';
import { listFiles } from '../support/list-files.js';
import { makeReadOnly } from '../support/read-only-folder.js';
import { runCli, startCli, stopStartedClis } from '../support/run-cli.js';
import { stlFacetCount, stlVertexCount } from '../support/stl.js';

afterEach(stopStartedClis);

const engines = [
  { engine: 'wasm', available: true, skipReason: '' },
  { engine: 'native', available: hasNativeOpenScad, skipReason: nativeSkipReason },
] as const;

/** Temporary files parascad makes (wrappers, outputs being written); none may survive a run. */
async function leftoverTempFiles(folder: string): Promise<string[]> {
  return (await listFiles(folder)).filter((file) => /(^|\/)\.parascad-/.test(file));
}

/** Processes whose command line names the folder: OpenSCAD children a run failed to stop. */
function processesIn(folder: string): string[] {
  const found = spawnSync('pgrep', ['-af', folder], { encoding: 'utf8' });
  return found.stdout.split('\n').filter((line) => line.trim() !== '' && !line.includes('pgrep'));
}

async function lineOf(file: string, text: string): Promise<number> {
  return (await readFile(file, 'utf8')).split('\n').findIndex((line) => line.includes(text)) + 1;
}

describe.each(engines)(
  'parascad render with the $engine engine',
  ({ engine, available, skipReason }) => {
    describe.skipIf(!available)(`end to end ${skipReason}`, () => {
      it('renders every marked part, fails only the broken one, and keeps its earlier good output', async () => {
        const project = await copyFixture('e2e-kit');
        await mkdir(join(project, 'outputs'));
        const goodOldOutput = 'solid good\nendsolid good\n';
        await writeFile(join(project, 'outputs', 'broken.stl'), goodOldOutput);

        const run = await runCli(['render', '--engine', engine, '-j', '2'], project);

        expect(run.code, run.stdout + run.stderr).toBe(1);
        const [sourceLine, engineLine] = run.stdout.split('\n');
        expect(sourceLine).toBe(
          'parts from the markers of project.scad · $fn = 40 (//render.quality in project.scad)',
        );
        expect(engineLine).toContain(`engine: ${engine}`);
        expect(run.stdout).toMatch(/✗ broken .*broken on purpose/);
        const assertLine = await lineOf(join(project, 'project.scad'), 'broken on purpose');
        expect(run.stdout).toContain(`project.scad:${assertLine}`);
        expect(run.stdout).toMatch(/5 parts: 4 ok, 1 failed/);

        const outputs = join(project, 'outputs');
        const disc = await readFile(join(outputs, 'disc.stl'), 'utf8');
        // $fn = 40 from //render.quality won over the file's own `$fn = 8`: 2 × 40 vertices.
        expect(stlVertexCount(disc)).toBe(80);
        expect(stlFacetCount(await readFile(join(outputs, 'block.stl'), 'utf8'))).toBeGreaterThan(
          12,
        );
        expect(await readFile(join(outputs, 'block.off'), 'utf8')).toMatch(/^OFF/);
        expect(stlFacetCount(await readFile(join(outputs, 'badge.stl'), 'utf8'))).toBe(12);
        expect(await readFile(join(outputs, 'plate.svg'), 'utf8')).toMatch(/<path[^>]+d="\s*M/);
        expect(await readFile(join(outputs, 'plate.dxf'), 'utf8')).toMatch(
          /\n(?:LW)?POLYLINE\n|\nLINE\n/,
        );
        expect(await readFile(join(outputs, 'broken.stl'), 'utf8')).toBe(goodOldOutput);
        expect(await leftoverTempFiles(project)).toEqual([]);
      });

      it('fails a part whose output folder is read-only before rendering it, saying what to do', async () => {
        const project = await copyFixture('classic-empty');
        await writeFile(
          join(project, 'project.scad'),
          'module a() //render.model.stl\n{ cube(1); }\n',
        );
        await mkdir(join(project, 'outputs'));
        const restore = await makeReadOnly(join(project, 'outputs'));
        onTestFinished(restore);
        const run = await runCli(['render', '--engine', engine, '--no-cache', '--json'], project);
        expect(run.code, run.stdout + run.stderr).toBe(1);
        const done = run.stdout
          .split('\n')
          .filter((line) => line.includes('"part-done"'))
          .map(
            (line) =>
              JSON.parse(line) as { result: { failure: { message: string }; seconds: number } },
          );
        expect(done).toHaveLength(1);
        expect(done[0]?.result.failure.message).toMatch(
          /^the output folder outputs cannot be written \((EROFS|EACCES|EPERM): it is read-only or immutable\): make it writable, or render into another folder with -o$/,
        );
        // Failed before OpenSCAD started.
        expect(done[0]?.result.seconds).toBe(0);
      });

      it("replaces none of a part's formats when one of its outputs cannot be written", async () => {
        const project = await copyFixture('e2e-kit');
        const outputs = join(project, 'outputs');
        await mkdir(join(outputs, 'block.off'), { recursive: true });
        const earlier = 'solid earlier\nendsolid earlier\n';
        await writeFile(join(outputs, 'block.stl'), earlier);

        const run = await runCli(['render', '--engine', engine, '--no-cache', 'block'], project);

        expect(run.code, run.stdout + run.stderr).toBe(1);
        expect(run.stdout).toMatch(
          /✗ block .*outputs\/block\.off is a folder, not a file: remove it or give the part another output name \(the earlier outputs were left as they were\)/,
        );
        expect(await readFile(join(outputs, 'block.stl'), 'utf8')).toBe(earlier);
        expect(await leftoverTempFiles(project)).toEqual([]);
      });

      it('places a failed assert whose message spans lines at its line, and shows the message whole', async () => {
        const project = await copyFixture('classic-empty');
        await writeFile(
          join(project, 'project.scad'),
          'module m() //render.model.stl\n{\n  cube(1);\n  assert(false, "first line\\nsecond line");\n}\n',
        );
        const run = await runCli(['render', '--engine', engine, '--no-cache'], project);
        expect(run.code, run.stdout + run.stderr).toBe(1);
        expect(run.stdout).toMatch(/✗ m .*Assertion 'false' failed: "first line …\n/);
        expect(run.stdout).toContain(
          `    project.scad:4: error: Assertion 'false' failed: "first line\n      second line"\n`,
        );
      });

      it('says the warnings of a part of several formats once, though OpenSCAD evaluates it once per format', async () => {
        const project = await copyFixture('classic-empty');
        await writeFile(
          join(project, 'project.scad'),
          'module d() //render.model.stl //render.model.3mf\n{ x = nothing + 1; cube(1); }\n',
        );
        const run = await runCli(['render', '--engine', engine, '--no-cache', '--strict'], project);
        expect(run.code, run.stdout + run.stderr).toBe(1);
        expect(run.stdout).toContain('(and 1 more warning');
        expect(run.stdout.match(/project\.scad:2: warning: undefined operation/g)).toHaveLength(1);
      });

      it("renders a module of a file without the guard (use mode) with the file's own $fn", async () => {
        const project = await copyFixture('classic-empty');
        await writeFile(
          join(project, 'rod.scad'),
          '$fn = 12;\nmodule rod() //render.model.stl\n{ cylinder(d = 10, h = 5); }\n',
        );
        await writeFile(join(project, 'parascad.config.yaml'), 'files:\n  - path: rod.scad\n');

        const run = await runCli(['render', '--engine', engine], project);

        expect(run.code, run.stdout + run.stderr).toBe(0);
        // Twelve sides: 12 × 2 wall triangles and 10 for each cap (OpenSCAD 2025 alone saw
        // its defaults: 16 sides).
        const stl = await readFile(join(project, 'outputs', 'rod.stl'), 'utf8');
        expect(stlFacetCount(stl)).toBe(44);
      });

      it('creates a missing output folder', async () => {
        const project = await copyFixture('e2e-config');
        const run = await runCli(
          ['render', '--engine', engine, '--out-dir', 'out/nested/deeper'],
          project,
        );
        expect(run.code, run.stdout + run.stderr).toBe(0);
        expect((await listFiles(join(project, 'out'))).sort()).toEqual([
          'nested/deeper/cube_part.stl',
          'nested/deeper/ring.dxf',
          'nested/deeper/ring.svg',
        ]);
      });

      it('renders the models a render_config.yml lists, and only those', async () => {
        const project = await copyFixture('e2e-config');
        const run = await runCli(['render', '--engine', engine], project);
        expect(run.code, run.stdout + run.stderr).toBe(0);
        expect(run.stdout).toMatch(/with 2 workers/);
        expect(await listFiles(join(project, 'outputs'))).toEqual([
          'cube_part.stl',
          'ring.dxf',
          'ring.svg',
        ]);
      });

      it('fails a part that recurses forever and one CGAL refuses, each saying why, and renders the next one', async () => {
        const project = await copyFixture('e2e-trap');
        const run = await runCli(['render', '--engine', engine, '-j', '1'], project);
        expect(run.code, run.stdout + run.stderr).toBe(1);
        expect(run.stdout).toMatch(
          engine === 'wasm'
            ? /✗ forever .*endless or very deep recursion/
            : /✗ forever .*Recursion detected/,
        );
        // The trap names no line: the part's module is where to look.
        if (engine === 'wasm') {
          expect(run.stdout).toContain(
            'project.scad:3:1: error: forever() was being rendered when the engine stopped',
          );
        }
        expect(run.stdout).toMatch(/✓ fine/);
        // A CGAL assertion is named as such, not taken for recursion.
        expect(run.stdout).toMatch(
          engine === 'wasm'
            ? /✗ unclosed .*stopped after a CGAL error: CGAL error: assertion violation!/
            : /✗ unclosed .*the nef3 file is not usable[^]*hint: .*writes nef3 only for a result of CSG/,
        );
        expect(await listFiles(join(project, 'outputs'))).toEqual(['fine.stl']);
      });

      it('stops a stuck part at the timeout and still renders the parts after it', async () => {
        const project = await copyFixture('e2e-stuck');
        const run = await runCli(
          ['render', '--engine', engine, '-j', '1', '--timeout', '3'],
          project,
        );
        expect(run.code, run.stdout + run.stderr).toBe(1);
        expect(run.stdout).toMatch(/✗ stuck .*timeout/);
        expect(run.stdout).toMatch(/✓ quick/);
        expect(run.stdout).toMatch(/✓ also_quick/);
        expect(await listFiles(join(project, 'outputs'))).toEqual(['also_quick.stl', 'quick.stl']);
        expect(processesIn(project)).toEqual([]);
        expect(await leftoverTempFiles(project)).toEqual([]);
      });

      it('lets running parts finish on the first Ctrl-C and starts no more', async () => {
        const project = await copyFixture('e2e-slow');
        let interrupted = false;
        const { done } = startCli(
          ['render', '--engine', engine, '-j', '1', '--verbose'],
          project,
          (stdout, child) => {
            if (!interrupted && stdout.includes('started slow')) {
              interrupted = true;
              child.kill('SIGINT');
            }
          },
        );
        const run = await done;
        expect(run.code, run.stdout + run.stderr).toBe(130);
        expect(run.stdout).toMatch(/stopping/);
        expect(run.stdout).toMatch(/✓ slow/);
        expect(run.stdout).toMatch(/- quick .*cancelled/);
        expect(await listFiles(join(project, 'outputs'))).toEqual(['slow.stl']);
        expect(await leftoverTempFiles(project)).toEqual([]);
      });

      it('stops every render at once on the second Ctrl-C and leaves no partial output', async () => {
        const project = await copyFixture('e2e-stuck');
        let interrupts = 0;
        const { done } = startCli(
          ['render', '--engine', engine, '-j', '2', '--verbose'],
          project,
          (stdout, child) => {
            if (interrupts === 0 && stdout.includes('started stuck')) {
              interrupts++;
              child.kill('SIGINT');
            } else if (interrupts === 1 && /stopping/.test(stdout)) {
              interrupts++;
              child.kill('SIGINT');
            }
          },
        );
        const run = await done;
        expect(interrupts).toBe(2);
        expect(run.code, run.stdout + run.stderr).toBe(130);
        // Both Ctrl-Cs are answered: the first lets the parts finish, the second stops them.
        expect(run.stdout).toMatch(/stopping: letting .* finish[^]*stopping now: /);
        expect(run.stdout).toMatch(/- stuck .*cancelled/);
        expect(processesIn(project)).toEqual([]);
        expect(await leftoverTempFiles(project)).toEqual([]);
        expect((await listFiles(project)).filter((file) => file.endsWith('stuck.stl'))).toEqual([]);
      });

      it('stops everything at the first failure with --fail-fast', async () => {
        const project = await copyFixture('e2e-trap');
        const run = await runCli(['render', '--engine', engine, '-j', '1', '--fail-fast'], project);
        expect(run.code, run.stdout + run.stderr).toBe(1);
        expect(run.stdout).toMatch(/✗ forever/);
        expect(run.stdout).toMatch(/- fine .*cancelled/);
        expect(await listFiles(project)).not.toContain('outputs/fine.stl');
      });

      it('tries a timed-out part again with --retries and reports every attempt', async () => {
        const project = await copyFixture('e2e-stuck');
        const run = await runCli(
          ['render', '--engine', engine, '-j', '1', '--timeout', '2', '--retries', '1'],
          project,
        );
        expect(run.code, run.stdout + run.stderr).toBe(1);
        expect(run.stdout).toMatch(/↻ stuck/);
        expect(run.stdout).toMatch(/✗ stuck .*timeout/);
        expect(run.stdout).toMatch(/✓ quick/);
        expect(processesIn(project)).toEqual([]);
      });
    });
  },
);

describe.skipIf(!hasNativeOpenScad)(`parascad render --engine auto ${nativeSkipReason}`, () => {
  it('renders a part again on the native engine when it crashes the WASM engine', async () => {
    const project = await copyFixture('e2e-trap');
    const run = await runCli(['render', '-j', '1'], project);
    expect(run.code, run.stdout + run.stderr).toBe(1);
    expect(run.stdout).toMatch(/↻ forever .*trying again on the native engine/);
    // Native OpenSCAD ends the endless recursion with its own error, and the part fails with it.
    expect(run.stdout).toMatch(/✗ forever .*native .*Recursion detected/);
    expect(run.stdout).toMatch(/✓ fine/);
  });
});

describe.skipIf(!hasNativeOpenScad)(
  `parascad render --engine auto, a 2D model asked for in a 3D format ${nativeSkipReason}`,
  () => {
    it('fails it once, without trying the other engine, and says which formats fit', async () => {
      const project = await mkdtemp(join(tmpdir(), 'parascad-dimension-'));
      onTestFinished(() => rm(project, { recursive: true, force: true }));
      await writeFile(
        join(project, 'project.scad'),
        [
          'module plate() //render.model.stl',
          '{ square(4); }',
          'module ball() //render.model.svg',
          '{ sphere(2); }',
          'module cube_part() //render.model.stl',
          '{ cube(2); }',
          '',
        ].join('\n'),
      );
      const run = await runCli(['render', '-j', '1'], project);
      expect(run.code, run.stdout + run.stderr).toBe(1);
      expect(run.stdout).not.toMatch(/↻|failed first/);
      expect(run.stdout).toMatch(/✗ plate .*Current top level object is not a 3D object/);
      expect(run.stdout).toContain(
        'hint: plate() draws 2D geometry, which stl cannot hold: mark it //render.model.svg (or .dxf, .pdf) instead',
      );
      expect(run.stdout).toContain(
        'hint: ball() draws 3D geometry, which svg cannot hold: mark it //render.model.stl (or .3mf, .off) instead',
      );
      expect(run.stdout).toMatch(/✓ cube_part/);
    });
  },
);

describe.skipIf(!hasNativeOpenScad)(
  `parascad render --engine auto learning ${nativeSkipReason}`,
  () => {
    it('renders a part WASM 2025 refuses on native, remembers it, and reports both engines when both fail', async () => {
      const project = await copyFixture('e2e-fallback');
      const first = await runCli(['render', '-j', '1'], project);
      expect(first.code, first.stdout + first.stderr).toBe(1);
      expect(first.stdout).toMatch(
        /↻ old_height height when specified should be a number, trying again on the native engine/,
      );
      expect(first.stdout).toMatch(/✓ old_height .*native/);
      expect(first.stdout).toContain(
        'rendered on native because wasm failed: height when specified should be a number.',
      );
      expect(first.stdout).toMatch(/✗ broken .*native .*broken on purpose/);
      expect(first.stdout).toMatch(
        /wasm failed first: Assertion 'false' failed: "broken on purpose"/,
      );
      expect(first.stdout).toMatch(/✓ fine .*wasm/);
      expect(
        stlFacetCount(await readFile(join(project, 'outputs', 'old_height.stl'), 'utf8')),
      ).toBe(12);

      // --no-cache: this run shows what auto learnt, so its parts must render again.
      const second = await runCli(['render', '-j', '1', '-v', '--no-cache'], project);
      expect(second.code, second.stdout + second.stderr).toBe(1);
      // The first line names the source of the parts, the second the engines.
      expect(second.stdout.split('\n')[1]).toContain(
        '1 part because the other engine failed on it last time',
      );
      expect(second.stdout).toContain(
        'started old_height on native (failed on wasm last time: height when specified should be a number.)',
      );
      expect(second.stdout).toMatch(/✓ old_height .*native/);
      // Failed on both last time, source unchanged: not rendered twice again.
      expect(second.stdout).not.toMatch(/↻/);
      expect(second.stdout).toMatch(/✗ broken .*wasm .*broken on purpose/);
      expect(second.stdout).toMatch(/✓ fine .*wasm/);
    });
  },
);

describe('parascad render on bad input', () => {
  it('exits 2 and names the file, line and column of a wrong value in render_config.yml', async () => {
    const project = await copyFixture('e2e-config');
    await writeFile(
      join(project, 'render_config.yml'),
      'scad_file: model.scad\nthreads: four\nmodels:\n  - module: ring\n',
    );
    const run = await runCli(['render', '--engine', 'wasm'], project);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('render_config.yml:2:10');
    expect(run.stderr).toContain('four');
    expect(run.stderr).not.toMatch(/at .*\.js:\d+/);
    expect(await listFiles(project)).not.toContain('outputs');
  });

  it('exits 2 with a hint when there is no project.scad', async () => {
    const project = await copyFixture('e2e-config');
    const run = await runCli(['render', 'nothing-here.scad'], project);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('nothing-here.scad');
    expect(run.stderr).toContain('hint:');
  });

  it('fails under --strict a part whose module is rendered without the arguments it needs', async () => {
    const project = await copyFixture('classic-empty');
    await writeFile(
      join(project, 'project.scad'),
      'module tray(w) //render.model.stl\n{ cube(w); }\n\nmodule fine() //render.model.stl\n{ cube(1); }\n',
    );
    const lenient = await runCli(['render', '--engine', 'wasm', '--no-cache'], project);
    const strict = await runCli(['render', '--engine', 'wasm', '--no-cache', '--strict'], project);

    expect(lenient.code, lenient.stdout).toBe(0);
    expect(lenient.stderr + lenient.stdout).toContain('tray() is rendered without arguments');
    expect(strict.code).toBe(1);
    expect(strict.stdout).toMatch(/✗ tray .*--strict: tray\(\) is rendered without arguments/);
    expect(strict.stdout).toMatch(/✓ fine/);
  });

  it('exits 2 on an unknown flag', async () => {
    const project = await copyFixture('e2e-config');
    const run = await runCli(['render', '--engnie', 'wasm'], project);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--engnie');
    // A command's own command too: commander alone would exit 1.
    const nested = await runCli(['cache', 'clean', '--older-than', '30x'], project);
    expect(nested.code).toBe(2);
    expect(nested.stderr).toContain("argument '30x' is invalid");
  });
});
