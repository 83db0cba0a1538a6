import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParamValue } from '../../src/config/project-config.js';
import { encodeFunction, expectedEncoding } from '../plan/openscad-echo.js';
import { hasNativeOpenScad } from '../support/has-native-openscad.js';
import { runCli } from '../support/run-cli.js';

/** Values at most this many per program: one OpenSCAD run per engine checks them all. */
const batch = 16;

/** Characters that an escaper gets wrong: quotes, backslashes, line ends, braces, non-ASCII. */
const tricky = fc.constantFrom(...'ab "\\\n\t\r{}$;/*\'`Ø☺🙂ü'.split(/(?:)/u));
const text = fc.oneof(
  fc.string({ unit: tricky, maxLength: 12 }),
  fc.string({ maxLength: 12 }).filter((value) => !value.includes('\0')),
);
// Numbers that OpenSCAD's echo prints exactly (it prints six significant digits).
const number = fc.oneof(fc.integer({ min: -99999, max: 99999 }), fc.constantFrom(0.5, -2.25, 1e-3));
const leaf: fc.Arbitrary<ParamValue> = fc.oneof(number, text, fc.boolean(), fc.constant(null));
const value: fc.Arbitrary<ParamValue> = fc.oneof(
  { weight: 3, arbitrary: leaf },
  {
    weight: 1,
    arbitrary: fc.array(fc.oneof(leaf, fc.array(leaf, { maxLength: 3 })), { maxLength: 4 }),
  },
);

let project: string;
beforeAll(async () => {
  project = await mkdtemp(join(tmpdir(), 'parascad-values-'));
  await writeFile(
    join(project, 'probe.scad'),
    [
      encodeFunction,
      'module probe() {',
      ...Array.from({ length: batch }, (_, index) => `  echo(enc(v${index}));`),
      '  cube(1);',
      '}',
      '',
    ].join('\n'),
  );
});
afterAll(async () => {
  await rm(project, { recursive: true, force: true });
});

/** Renders `probe` with the values as config params and answers the lines of its echo file. */
async function echoed(values: readonly ParamValue[], engine: string): Promise<string[]> {
  const params = Object.fromEntries(values.map((each, index) => [`v${index}`, each]));
  await writeFile(
    join(project, 'parascad.config.json'),
    JSON.stringify({
      files: [{ path: 'probe.scad', formats: ['echo'], modules: [{ name: 'probe', params }] }],
    }),
  );
  const run = await runCli(['render', '--engine', engine, '--no-cache', '-q'], project);
  expect(run.code, run.stdout + run.stderr).toBe(0);
  const lines = (await readFile(join(project, 'outputs', 'probe.echo'), 'utf8')).split('\n');
  return lines.filter((line) => line.startsWith('ECHO:'));
}

const engines = hasNativeOpenScad ? ['wasm', 'native'] : ['wasm'];

describe('property: the OpenSCAD value escaper, through a real OpenSCAD echo', () => {
  for (const engine of engines) {
    it(`reads every generated value back as it was given (${engine}, ${batch} values in one program)`, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(value, { minLength: batch, maxLength: batch }),
          async (values) => {
            expect(await echoed(values, engine)).toEqual(
              values.map((each) => `ECHO: ${expectedEncoding(each)}`),
            );
          },
        ),
        // One program per run; a failure shrinks with more runs, which is when they are worth it.
        { numRuns: 2, seed: engine === 'wasm' ? 14 : 41 },
      );
    });
  }
});
