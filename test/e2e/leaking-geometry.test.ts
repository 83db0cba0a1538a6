import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { measureOutput } from '../../src/formats/measure-output.js';
import { copyFixture } from '../support/copy-fixture.js';
import { hasNativeOpenScad, nativeSkipReason } from '../support/has-native-openscad.js';
import { runCli, stopStartedClis } from '../support/run-cli.js';

afterEach(stopStartedClis);

const engines = [
  { engine: 'wasm', available: true, skipReason: '' },
  { engine: 'native', available: hasNativeOpenScad, skipReason: nativeSkipReason },
] as const;

/** The bounds of an STL output, rounded to 0.01 mm. */
async function boundsOf(file: string): Promise<number[][]> {
  const measure = measureOutput('stl', await readFile(file));
  if (measure.kind !== '3d')
    throw new Error(`${file} is not a 3D model: ${JSON.stringify(measure)}`);
  return [measure.bounds.min, measure.bounds.max].map((corner) =>
    corner.map((value) => Math.round(value * 100) / 100),
  );
}

describe.each(engines)(
  'top-level geometry outside a guard, with the $engine engine',
  ({ engine, available, skipReason }) => {
    describe.skipIf(!available)(`end to end ${skipReason}`, () => {
      it('keeps the unguarded cube out of the marked module and says so once, located', async () => {
        const project = await copyFixture('e2e-leak');
        const run = await runCli(['render', 'project.scad', '--engine', engine], project);
        const output = run.stdout + run.stderr;
        expect(run.code, output).toBe(0);
        // Without the guard check, include mode added the cube: x from -5 to 150.
        expect(await boundsOf(join(project, 'outputs', 'peg.stl'))).toEqual([
          [-5, -5, 0],
          [5, 5, 20],
        ]);
        expect(output.match(/warning:/g)).toHaveLength(1);
        expect(output).toContain(
          'project.scad:6:1: warning: translate(…) at the top level of project.scad is not guarded',
        );
        expect(output).toContain('if (is_undef(batch_rendering)) { … }');
      });

      it('finds unguarded geometry in an included file, and keeps include for a guarded file', async () => {
        const project = await copyFixture('e2e-leak');
        const run = await runCli(
          ['render', 'tray.scad', 'guarded.scad', '--engine', engine],
          project,
        );
        const output = run.stdout + run.stderr;
        expect(run.code, output).toBe(0);
        expect(await boundsOf(join(project, 'outputs', 'tray.stl'))).toEqual([
          [0, 0, 0],
          [30, 20, 4],
        ]);
        expect(await boundsOf(join(project, 'outputs', 'pin.stl'))).toEqual([
          [0, 0, 0],
          [4, 4, 12],
        ]);
        expect(output.match(/warning:/g)).toHaveLength(1);
        expect(output).toContain(
          'lib/demo.scad:3:1: warning: translate(…) at the top level of demo.scad, which tray.scad includes, is not guarded',
        );
        expect(output).toContain('if (!batch_rendering) { … }');
      });
    });
  },
);

describe('parascad list of files with and without a guard', () => {
  it('plans use mode for unguarded files and include mode for the guarded one', async () => {
    const project = await copyFixture('e2e-leak');
    const run = await runCli(['list', '--json', '*.scad'], project);
    expect(run.code, run.stderr).toBe(0);
    const parts = JSON.parse(run.stdout) as { name: string; mode: string }[];
    expect(Object.fromEntries(parts.map((part) => [part.name, part.mode]))).toEqual({
      peg: 'use',
      pin: 'include',
      tray: 'use',
    });
  });
});
