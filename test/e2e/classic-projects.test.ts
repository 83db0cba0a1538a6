import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { copyFixture } from '../support/copy-fixture.js';
import { hasNativeOpenScad, nativeSkipReason } from '../support/has-native-openscad.js';
import { runCli, stopStartedClis } from '../support/run-cli.js';
import { stlSize, stlVertexCount } from '../support/stl.js';

afterEach(stopStartedClis);

const engines = [
  { engine: 'wasm', available: true, skipReason: '' },
  { engine: 'native', available: hasNativeOpenScad, skipReason: nativeSkipReason },
] as const;

/** `$fn` of a rendered cylinder (or of two coaxial ones, `cylinders` = 2), from its distinct vertices. */
async function fnOf(file: string, cylinders = 1): Promise<number> {
  return stlVertexCount(await readFile(file, 'utf8')) / (2 * cylinders);
}

describe.each(engines)(
  'classic projects on the $engine engine',
  ({ engine, available, skipReason }) => {
    describe.skipIf(!available)(`end to end ${skipReason}`, () => {
      it("renders the first generation's renderer.py parts through the gateway, with the gateway's own $fn", async () => {
        const project = await copyFixture('classic-gateway');

        const run = await runCli(['render', '--engine', engine], project);

        expect(run.code, run.stdout + run.stderr).toBe(0);
        expect(run.stdout.split('\n')[0]).toBe(
          "parts from renderer.py's models list (modules of renderer.scad) · $fn = 24 (renderer.scad's own, line 4)",
        );
        expect(run.stdout).toContain('rendering 3 parts with 2 workers');
        const outputs = join(project, 'outputs');
        // The gateway's `$fn = 24` beat the work file's own `$fn = 40`; parascad added none.
        expect(await fnOf(join(outputs, 'disc.stl'))).toBe(24);
        expect(await fnOf(join(outputs, 'washer.stl'), 2)).toBe(24);
        // Both guard styles kept the working code (a 200 mm cube, a sphere) out of the parts.
        expect(stlSize(await readFile(join(outputs, 'disc.stl'), 'utf8'))).toEqual([20, 20, 2]);
        expect(stlSize(await readFile(join(outputs, 'plate.stl'), 'utf8'))).toEqual([20, 20, 3]);
      });

      it("renders bracketed markers with their quality and ignores the newer generation's empty models list", async () => {
        const project = await copyFixture('classic-markers');

        const run = await runCli(['render', '--engine', engine], project);

        expect(run.code, run.stdout + run.stderr).toBe(0);
        expect(run.stdout.split('\n')[0]).toBe(
          'parts from the markers of project.scad · $fn = 16 (//render.quality in project.scad)',
        );
        expect(run.stdout).toContain('rendering 2 parts with 2 workers');
        expect(await fnOf(join(project, 'outputs', 'knob.stl'))).toBe(16);
        expect(await fnOf(join(project, 'outputs', 'ring.stl'), 2)).toBe(16);
      });

      it('gives a file without quality the classic $fn = 95, says so where the file set its own, and obeys --quality', async () => {
        const project = await copyFixture('classic-markers');

        const byDefault = await runCli(
          ['render', 'unset.scad', 'bare.scad', '--engine', engine],
          project,
        );
        const pin = join(project, 'outputs', 'pin.stl');
        const defaultFn = await fnOf(pin);
        const forced = await runCli(
          ['render', 'unset.scad', '--quality', '12', '--engine', engine],
          project,
        );

        expect(byDefault.code, byDefault.stdout + byDefault.stderr).toBe(0);
        expect(defaultFn).toBe(95);
        expect(await fnOf(join(project, 'outputs', 'peg.stl'))).toBe(20);
        const output = byDefault.stdout + byDefault.stderr;
        expect(output).toContain(
          'unset.scad:2:1: warning: parts of unset.scad render with the classic default $fn = 95, not the $fn = 12 assigned here at top level',
        );
        expect(output.match(/classic default \$fn = 95, not/g)).toHaveLength(1);
        expect(forced.code, forced.stdout + forced.stderr).toBe(0);
        expect(forced.stdout.split('\n')[0]).toBe(
          'parts from the markers of unset.scad · $fn = 12 (--quality)',
        );
        expect(forced.stdout + forced.stderr).not.toContain('warning');
        expect(await fnOf(pin)).toBe(12);
      });

      it('reads the older render_config.yaml form: no scad_file, number_of_threads, modules of included files', async () => {
        const project = await copyFixture('classic-config-older');

        const run = await runCli(['render', '--engine', engine], project);

        expect(run.code, run.stdout + run.stderr).toBe(0);
        expect(run.stdout.split('\n')[0]).toBe(
          'parts from render_config.yaml · $fn = 95 (the classic default)',
        );
        expect(run.stdout).toContain('rendering 2 parts with 2 workers');
        expect(run.stdout + run.stderr).toContain(
          'renderer.scad:3:1: warning: parts of renderer.scad render with the classic default $fn = 95, not the $fn = 24 assigned here at top level',
        );
        expect(await fnOf(join(project, 'outputs', 'disc.stl'))).toBe(95);
        expect(await readFile(join(project, 'outputs', 'gasket.dxf'), 'utf8')).toMatch(
          /ENTITIES[\s\S]*LINE/,
        );
      });

      it("reads the later render_config.yml without scad_file: project.scad, or --auto='s -f file", async () => {
        const project = await copyFixture('classic-config-later');

        const run = await runCli(['render', '--engine', engine], project);
        expect(run.code, run.stdout + run.stderr).toBe(0);
        expect(run.stdout.split('\n')[0]).toBe(
          'parts from render_config.yml · $fn = 95 (the classic default)',
        );
        const lid = join(project, 'outputs', 'lid.stl');
        expect(stlSize(await readFile(lid, 'utf8'))).toEqual([20, 20, 2]);

        const variant = await runCli(
          ['render', '--engine', engine, '--auto=', '-f', 'variant.scad'],
          project,
        );
        expect(variant.code, variant.stdout + variant.stderr).toBe(0);
        expect(variant.stdout).toContain('rendering 2 parts with 2 workers');
        expect(stlSize(await readFile(lid, 'utf8'))).toEqual([30, 30, 2]);
      });
    });
  },
);
