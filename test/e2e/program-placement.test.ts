import { readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture } from '../support/copy-fixture.js';
import { hasNativeOpenScad, nativeSkipReason } from '../support/has-native-openscad.js';
import { listFiles } from '../support/list-files.js';
import { makeReadOnly } from '../support/read-only-folder.js';
import { runCli } from '../support/run-cli.js';
import { stlBounds } from '../support/stl.js';

/** 30 000 numbers, ~190 KB of OpenSCAD list: beyond the command line and the WASM stack. */
const big = Array.from({ length: 30_000 }, (_, index) => index);
const modules = [
  { name: 'sized', params: { big } },
  { name: 'from_library', params: { big } },
  'imported',
  'imported_by_library',
];

let root: string;
let before: string[];
let unmount: (() => Promise<void>) | undefined;
beforeAll(async () => {
  root = await copyFixture('faults-paths');
  await writeFile(
    join(root, 'project', 'parascad.config.json'),
    JSON.stringify({
      files: [
        { path: 'box.scad', mode: 'include', output: 'include/{name}.{format}', modules },
        { path: 'box.scad', mode: 'use', output: 'use/{name}.{format}', modules },
        { path: '../other/outside.scad' },
      ],
    }),
  );
  before = await listFiles(root);
  // The project and the folder the config points into are read-only: parascad may write only
  // into the output folder it is given.
  unmount = await makeReadOnly(root);
});
afterAll(async () => {
  await unmount?.();
  await rm(dirname(root), { recursive: true, force: true });
});

const engines = [
  { engine: 'native', skip: !hasNativeOpenScad, reason: nativeSkipReason },
  { engine: 'wasm', skip: false, reason: '' },
] as const;

describe.each(engines)(
  'programs and values with the $engine engine',
  ({ engine, skip, reason }) => {
    it.skipIf(skip)(
      `renders from a read-only project, include and use mode, a ~190 KB value a used file reads, and relative include/use/import() ${reason}`,
      async () => {
        const out = join(dirname(root), `out-${engine}`);
        const run = await runCli(['render', '--engine', engine, '-o', out], join(root, 'project'));
        expect(run.code, run.stdout + run.stderr).toBe(0);
        const xSize = async (path: string): Promise<number> => {
          const [min, max] = stlBounds(await readFile(join(out, path), 'utf8'));
          return Math.round((max[0] - min[0]) * 1000) / 1000;
        };
        for (const mode of ['include', 'use']) {
          expect(await xSize(`${mode}/sized.stl`)).toBe(30);
          expect(await xSize(`${mode}/from_library.stl`)).toBe(30);
          expect(await xSize(`${mode}/imported.stl`)).toBe(4);
          expect(await xSize(`${mode}/imported_by_library.stl`)).toBe(7);
        }
        expect(await xSize('outside_part.stl')).toBe(5);
        expect(await listFiles(root)).toEqual(before);
      },
    );
  },
);
