import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isBinaryStl } from '../../src/outputs/convert/ascii-stl-to-binary.js';
import { measureOutput } from '../../src/formats/measure-output.js';
import { copyFixture } from '../support/copy-fixture.js';
import { hasNativeOpenScad, nativeSkipReason } from '../support/has-native-openscad.js';
import { runCli, stopStartedClis } from '../support/run-cli.js';

afterEach(stopStartedClis);

function volumeOf(stl: Uint8Array): number {
  const measure = measureOutput('stl', stl);
  if (measure.kind !== '3d') throw new Error(`not a solid: ${measure.kind}`);
  return measure.volume;
}

const engines = [
  { engine: 'wasm', available: true, skipReason: '' },
  { engine: 'native', available: hasNativeOpenScad, skipReason: nativeSkipReason },
] as const;

describe.each(engines)(
  'binary STL with the $engine engine',
  ({ engine, available, skipReason }) => {
    describe.skipIf(!available)(`end to end ${skipReason}`, () => {
      it('writes binary STL with --stl binary, asked of OpenSCAD or converted when the part has other formats, with the same solid', async () => {
        const project = await copyFixture('e2e-kit');
        const ascii = await runCli(['render', 'disc', 'block', '--engine', engine], project);
        expect(ascii.code, ascii.stdout + ascii.stderr).toBe(0);
        const outputs = join(project, 'outputs');
        const asciiDisc = await readFile(join(outputs, 'disc.stl'));
        const asciiBlock = await readFile(join(outputs, 'block.stl'));
        expect(isBinaryStl(asciiDisc)).toBe(false);

        const run = await runCli(
          ['render', 'disc', 'block', '--engine', engine, '--stl', 'binary'],
          project,
        );

        expect(run.code, run.stdout + run.stderr).toBe(0);
        // disc exports only STL: OpenSCAD writes it binary (--export-format binstl).
        const disc = await readFile(join(outputs, 'disc.stl'));
        // block also exports OFF: its STL comes out ASCII and is converted.
        const block = await readFile(join(outputs, 'block.stl'));
        expect(isBinaryStl(disc)).toBe(true);
        expect(isBinaryStl(block)).toBe(true);
        expect((await readFile(join(outputs, 'block.off'), 'utf8')).startsWith('OFF')).toBe(true);
        expect(disc.length).toBeLessThan(asciiDisc.length / 3);
        // The same solid, to float32 precision (binary STL stores single-precision corners).
        expect(volumeOf(disc)).toBeCloseTo(volumeOf(asciiDisc), 2);
        expect(volumeOf(block)).toBeCloseTo(volumeOf(asciiBlock), 2);
      });

      it('takes stl: binary from the project config', async () => {
        const project = await copyFixture('e2e-kit');
        await writeFile(
          join(project, 'parascad.config.yaml'),
          'defaults:\n  stl: binary\nfiles:\n  - path: project.scad\n    modules: [disc]\n',
        );

        const run = await runCli(['render', '--engine', engine], project);

        expect(run.code, run.stdout + run.stderr).toBe(0);
        expect(isBinaryStl(await readFile(join(project, 'outputs', 'disc.stl')))).toBe(true);
      });
    });
  },
);
