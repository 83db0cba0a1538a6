import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { readParameterSets } from '../../src/plan/customizer-sets.js';
import { fixture } from './fixture-path.js';

/** Installed by Debian's openscad-testing-data. */
const openscadTestSets = '/usr/share/openscad/testdata/scad/customizer/setofparameter.json';
const configAt = {
  file: fixture('config-paramsets', 'parascad.config.yaml'),
  line: 7,
  column: 15,
  length: 8,
};

async function problemsOf(reading: Promise<unknown>): Promise<unknown> {
  const error = await reading.then(
    () => expect.fail('readParameterSets returned instead of throwing'),
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return (error as ConfigError).problems;
}

describe('readParameterSets', () => {
  it('reads every set in file order, each value as its text, each key with its place', async () => {
    const file = fixture('config-paramsets', 'box.json');

    const sets = await readParameterSets(file, configAt);

    expect(sets.file).toBe(file);
    expect([...sets.sets.keys()]).toEqual(['small', 'large', 'Name.dot']);
    const small = sets.sets.get('small');
    expect(small?.at).toEqual({ file, line: 3, column: 9, length: 7 });
    expect([...(small?.values ?? [])]).toEqual([
      ['width', { text: '20', at: { file, line: 4, column: 13, length: 7 } }],
      ['label', { text: 'small "one"', at: { file, line: 5, column: 13, length: 7 } }],
      ['rounded', { text: 'false', at: { file, line: 6, column: 13, length: 9 } }],
    ]);
    expect(sets.sets.get('large')?.values.get('label')?.text).toBe('C:\\parts\\big\nbox');
  });

  it.skipIf(!existsSync(openscadTestSets))(
    `reads OpenSCAD's own customizer test file, whose values use the \\/ escape${existsSync(openscadTestSets) ? '' : ' (skipped: openscad-testing-data is not installed)'}`,
    async () => {
      const sets = await readParameterSets(openscadTestSets);

      expect([...sets.sets.keys()]).toEqual(['firstSet', 'wrongSetValues', 'thirdSet', 'Name.dot']);
      expect(sets.sets.get('firstSet')?.values.get('Labeled_value')?.text).toBe(' /*New */ ');
    },
  );

  it('keeps JSON numbers and booleans as their text, as OpenSCAD reads them', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'parascad-sets-'));
    const file = join(folder, 'sets.json');
    await writeFile(file, '{"parameterSets": {"a": {"w": 12.5, "r": true}}}');

    const sets = await readParameterSets(file);

    expect(sets.sets.get('a')?.values.get('w')?.text).toBe('12.5');
    expect(sets.sets.get('a')?.values.get('r')?.text).toBe('true');
  });

  it('reports a missing file at the config value that names it', async () => {
    expect(
      await problemsOf(readParameterSets(fixture('config-paramsets', 'nope.json'), configAt)),
    ).toEqual([
      {
        message: 'parameter set file nope.json does not exist',
        location: configAt,
        hint: `it is looked up in ${fixture('config-paramsets')}`,
      },
    ]);
  });

  it('reports a file without parameter sets at the config value, where OpenSCAD would render the defaults', async () => {
    expect(
      await problemsOf(readParameterSets(fixture('config-paramsets', 'empty.json'), configAt)),
    ).toEqual([
      expect.objectContaining({
        message: 'empty.json defines no parameter sets',
        location: configAt,
      }),
    ]);
    expect(
      await problemsOf(
        readParameterSets(fixture('config-paramsets', 'not-customizer.json'), configAt),
      ),
    ).toEqual([
      expect.objectContaining({
        message:
          'not-customizer.json has no "parameterSets" object, so it is not an OpenSCAD customizer file',
        location: configAt,
      }),
    ]);
  });

  it("reports invalid JSON where it is, in the config loader's words", async () => {
    const file = fixture('config-paramsets', 'broken.json');

    expect(await problemsOf(readParameterSets(file, configAt))).toEqual([
      {
        message: 'broken.json is not valid JSON: a comma before "}": JSON allows no trailing comma',
        location: { file, line: 3, column: 33 },
      },
    ]);
  });
});
