import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { measureOutput } from '../../src/formats/measure-output.js';
import { copyFixture } from '../support/copy-fixture.js';
import { hasNativeOpenScad, nativeSkipReason } from '../support/has-native-openscad.js';
import { listFiles } from '../support/list-files.js';
import { runCli, stopStartedClis } from '../support/run-cli.js';

afterEach(stopStartedClis);

/** A project of one customizer file, `NAME.scad` (`w = 10; // [1:50]`, a cube), with `NAME.json`. */
async function withSets(
  name: string,
  parameterSets: Record<string, Record<string, string>>,
): Promise<string> {
  const project = await copyFixture('classic-empty');
  await writeFile(join(project, `${name}.scad`), 'w = 10; // [1:50]\ncube(w);\n');
  await writeFile(
    join(project, `${name}.json`),
    JSON.stringify({ parameterSets, fileFormatVersion: '1' }),
  );
  return project;
}

const engines = [
  { engine: 'wasm', available: true, skipReason: '' },
  { engine: 'native', available: hasNativeOpenScad, skipReason: nativeSkipReason },
] as const;

/** The bin's grid pitch in bins.scad. */
const pitch = 42;

/** The size of an STL output, rounded to 0.01 mm. */
async function sizeOf(file: string): Promise<number[]> {
  const measure = measureOutput('stl', await readFile(file));
  if (measure.kind !== '3d')
    throw new Error(`${file} is not a 3D model: ${JSON.stringify(measure)}`);
  return measure.bounds.max.map(
    (max, axis) => Math.round((max - (measure.bounds.min[axis] ?? 0)) * 100) / 100,
  );
}

async function customizerProject(config?: string): Promise<string> {
  const project = await copyFixture('e2e-customizer');
  if (config !== undefined) await writeFile(join(project, 'parascad.config.yaml'), config);
  return project;
}

const sweep = [
  'files:',
  '  - path: bins.scad',
  '    modules: whole',
  '    matrix: { gridx: [1, 2], gridy: [1, 2, 3] }',
  '',
].join('\n');

describe.each(engines)(
  'a customizer file rendered with the $engine engine',
  ({ engine, available, skipReason }) => {
    describe.skipIf(!available)(`end to end ${skipReason}`, () => {
      it('renders a 2×3 sweep of a whole file, each variant with its own size', async () => {
        const project = await customizerProject(sweep);
        const run = await runCli(['render', '--engine', engine], project);
        expect(run.code, run.stdout + run.stderr).toBe(0);
        const names = [1, 2].flatMap((x) => [1, 2, 3].map((y) => `bins-gridx${x}-gridy${y}.stl`));
        expect(await listFiles(join(project, 'outputs'))).toEqual(names);
        for (const x of [1, 2]) {
          for (const y of [1, 2, 3]) {
            expect(await sizeOf(join(project, 'outputs', `bins-gridx${x}-gridy${y}.stl`))).toEqual([
              x * pitch,
              y * pitch,
              10,
            ]);
          }
        }
      });

      it('renders a set of a named file with -p/-P, overridden by -D, and NAME.json sets with -P alone', async () => {
        const project = await customizerProject();
        const run = await runCli(
          [
            'render',
            'bins.scad',
            '-p',
            'presets/tall.json',
            '-P',
            'tall',
            '-D',
            'gridx=3',
            '--engine',
            engine,
          ],
          project,
        );
        expect(run.code, run.stdout + run.stderr).toBe(0);
        // tall: gridx 1 → 3 by -D, gridy 2, height 40.
        expect(await sizeOf(join(project, 'outputs', 'bins-tall.stl'))).toEqual([
          3 * pitch,
          2 * pitch,
          40,
        ]);

        const beside = await runCli(
          ['render', 'bins.scad', '-P', 'small', '--engine', engine],
          project,
        );
        expect(beside.code, beside.stdout + beside.stderr).toBe(0);
        expect(await sizeOf(join(project, 'outputs', 'bins-small.stl'))).toEqual([pitch, pitch, 6]);
      });
    });
  },
);

describe('parascad list of a customizer file', () => {
  it('shows every set of NAME.json, found beside the file, with its values, as text and JSON', async () => {
    const project = await customizerProject(
      [
        'files:',
        '  - path: bins.scad',
        '    paramsets: true',
        '    params: { label: "x" }',
        '',
      ].join('\n'),
    );
    const text = await runCli(['list'], project);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain(
      "bins.scad (whole file) · set large from bins.json (found beside bins.scad, OpenSCAD's convention)",
    );
    expect(text.stdout).toContain('params gridx = 3, gridy = 2, height = 20, label = "x"');

    const json = await runCli(['list', '--json'], project);
    const parts = JSON.parse(json.stdout) as {
      name: string;
      module: string | null;
      variables: Record<string, string>;
      paramSet: { name: string; file: string; beside?: boolean } | null;
    }[];
    expect(parts.map((part) => part.name)).toEqual(['bins-Default', 'bins-small', 'bins-large']);
    expect(parts[1]).toMatchObject({
      module: null,
      variables: { gridx: '1', gridy: '1', height: '6', label: '"x"' },
      paramSet: { name: 'small', file: join(project, 'bins.json'), beside: true },
    });
  });

  it('says when NAME.json beside a file named on the command line holds sets the run leaves out', async () => {
    const project = await customizerProject();
    const plain = await runCli(['list', 'bins.scad'], project);
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stdout + plain.stderr).toContain(
      'bins.json:3:5: warning: bins.json beside bins.scad holds 3 customizer sets ("Default", "small", "large"), which this run leaves out: it renders the file\'s defaults',
    );
    expect(plain.stdout + plain.stderr).toContain(
      'hint: -p bins.json renders one part per set, -P "Default" one of them',
    );
    const sets = await runCli(['list', 'bins.scad', '-p', 'bins.json'], project);
    expect(sets.stdout).toContain('bins-small');
    expect(sets.stdout + sets.stderr).not.toContain('leaves out');
    // A glob's files, as files named one by one.
    const globbed = await runCli(['list', './*.scad'], project);
    expect(globbed.stdout + globbed.stderr).toContain(
      'warning: bins.json beside bins.scad holds 3 customizer sets',
    );
  });

  it('renders two sets that give the same values, each to its own file, as OpenSCAD does', async () => {
    const project = await withSets('cube', {
      default: { w: '10' },
      'my copy': { w: '10' },
      big: { w: '30' },
    });
    const run = await runCli(['render', 'cube.scad', '-p', 'cube.json', '-e', 'wasm'], project);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect((await listFiles(join(project, 'outputs'))).sort()).toEqual([
      'cube-big.stl',
      'cube-default.stl',
      'cube-my_copy.stl',
    ]);
  });

  it('says which set names become one part name, and to rename one', async () => {
    const project = await withSets('s', { 'a b': { w: '.5' }, a_b: { w: '1e1' } });
    const run = await runCli(['list', 's.scad', '-p', 's.json'], project);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      's-a_b (s.scad) is made by 2 customizer sets whose names become one: "a b", "a_b"',
    );
    expect(run.stderr).toContain(
      'hint: rename one of the sets, or keep them apart in a parascad.config.yaml entry with output: "{module}-{set}.{format}"',
    );
  });

  it('reports every problem of the variants at once, each located, before anything renders', async () => {
    const project = await customizerProject(
      [
        'files:',
        '  - path: bins.scad',
        '    params: { gridy: 2, label: 3 }',
        '    paramsets: { file: presets/tall.json, sets: [tal] }',
        '    matrix: { height: [10, "high"] }',
        '  - path: bins.scad',
        '    output: "b/{name}.{format}"',
        '    paramsets: { sets: [small, huge] }',
        '',
      ].join('\n'),
    );
    const run = await runCli(['render', '--engine', 'wasm'], project);
    expect(run.code).toBe(2);
    for (const expected of [
      'parascad.config.yaml:3:32: error: label is a number (3), but its default (bins.scad:12) is a string',
      'parascad.config.yaml:4:50: error: tall.json has no parameter set "tal"',
      'did you mean "tall"?',
      'parascad.config.yaml:5:23: error: height is a string (high), but its default (bins.scad:10) is a number',
      'parascad.config.yaml:8:32: error: bins.json has no parameter set "huge"',
    ]) {
      expect(run.stderr).toContain(expected);
    }
    expect(await listFiles(join(project, 'outputs')).catch(() => [])).toEqual([]);
  });

  it('refuses a set value of the wrong type at its place in the JSON', async () => {
    const project = await customizerProject();
    await writeFile(
      join(project, 'bins.json'),
      '{\n  "parameterSets": {\n    "odd": { "gridx": "two" }\n  },\n  "fileFormatVersion": "1"\n}\n',
    );
    const run = await runCli(['list', 'bins.scad', '-P', 'odd'], project);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'bins.json:3:14: error: set "odd" gives gridx "two", which is not a number like its default (bins.scad:6)',
    );
  });

  it('refuses a -D value that is not one OpenSCAD expression, marking where', async () => {
    const project = await customizerProject();
    const run = await runCli(['list', 'bins.scad', '-D', 'gridx=2; cube(100)'], project);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      '-D gridx=2; cube(100): ";" would end the definition and start another statement',
    );
    expect(run.stderr).toContain('   gridx=2; cube(100)\n          ^');
  });
});
