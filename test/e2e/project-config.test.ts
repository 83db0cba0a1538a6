import { copyFile, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { copyFixture } from '../support/copy-fixture.js';
import { hasNativeOpenScad, nativeSkipReason } from '../support/has-native-openscad.js';
import { listFiles } from '../support/list-files.js';
import { runCli, stopStartedClis } from '../support/run-cli.js';
import { stlSize } from '../support/stl.js';

afterEach(stopStartedClis);

const allOutputs = [
  'box/base-width20-wall1.2.stl',
  'box/base-width20-wall2.stl',
  'box/base-width30-wall1.2.stl',
  'box/base-width30-wall2.stl',
  'box/lid-large.stl',
  'box/lid-small.stl',
  'box/tag.dxf',
  'box/tag.svg',
  'bracket.stl',
  'spacer.stl',
];

describe('parascad list on a parascad.config.yaml', () => {
  it('prints every planned part with its file, module, parameters and outputs as JSON', async () => {
    const project = await copyFixture('e2e-project');
    const run = await runCli(['list', '--json'], project);
    expect(run.code, run.stderr).toBe(0);
    const parts = JSON.parse(run.stdout) as {
      name: string;
      module: string | null;
      mode: string;
      variables: Record<string, string>;
      paramSet: { name: string } | null;
      outputs: { format: string; path: string }[];
    }[];
    const byName = new Map(parts.map((part) => [part.name, part]));
    expect([...byName.keys()].sort()).toEqual([
      'base-width20-wall1.2',
      'base-width20-wall2',
      'base-width30-wall1.2',
      'base-width30-wall2',
      'bracket',
      'lid-large',
      'lid-small',
      'spacer',
      'tag',
    ]);
    expect(byName.get('bracket')?.module).toBeNull();
    expect(byName.get('spacer')?.mode).toBe('include');
    expect(byName.get('lid-small')).toMatchObject({
      mode: 'use',
      variables: { width: '25', depth: '15' },
      paramSet: { name: 'small' },
    });
    expect(byName.get('base-width30-wall1.2')?.variables).toEqual({ width: '30', wall: '1.2' });
    expect(byName.get('tag')?.variables).toEqual({ label_width: '12', corners: '[2, 3]' });
    expect(byName.get('tag')?.outputs.map((output) => output.path)).toEqual([
      join(project, 'outputs', 'box', 'tag.svg'),
      join(project, 'outputs', 'box', 'tag.dxf'),
    ]);
  });
});

const engines = [
  { engine: 'wasm', available: true, skipReason: '' },
  { engine: 'native', available: hasNativeOpenScad, skipReason: nativeSkipReason },
] as const;

describe.each(engines)(
  'parascad render of a project config with the $engine engine',
  ({ engine, available, skipReason }) => {
    describe.skipIf(!available)(`end to end ${skipReason}`, () => {
      it('renders globs, whole files, parameter sets, sweeps and templates into their folders', async () => {
        const project = await copyFixture('e2e-project');
        const run = await runCli(['render', '--engine', engine], project);
        expect(run.code, run.stdout + run.stderr).toBe(0);
        expect(await listFiles(join(project, 'outputs'))).toEqual(allOutputs);
        const size = async (file: string): Promise<[number, number, number]> =>
          stlSize(await readFile(join(project, 'outputs', file), 'utf8'));
        // The sets' and the sweep's values reached the modules; `use` never ran the file's cube(1000).
        expect(await size('box/lid-small.stl')).toEqual([25, 15, 2]);
        expect(await size('box/lid-large.stl')).toEqual([60, 45, 2]);
        expect(await size('box/base-width30-wall2.stl')).toEqual([30, 30, 10]);
        // A file without markers rendered whole, its guard-free top level as it is.
        expect(await size('bracket.stl')).toEqual([24, 8, 8]);
        expect(await size('spacer.stl')).toEqual([10, 10, 5]);
        expect(await readFile(join(project, 'outputs', 'box', 'tag.svg'), 'utf8')).toMatch(/<path/);
      });

      it("gives a module entry's values to the module's own parameters of those names, in both modes", async () => {
        const project = await copyFixture('classic-empty');
        await writeFile(
          join(project, 'lids.scad'),
          [
            'width = 5;',
            'module lid(width = 10, h) { cube([width, width, is_undef(h) ? 2 : h]); }',
            'module plate() { cube([width, 1, 1]); }',
            '',
          ].join('\n'),
        );
        await writeFile(
          join(project, 'parascad.config.yaml'),
          [
            'files:',
            '  - path: lids.scad',
            '    modules:',
            '      - name: lid',
            '        params: { width: 40 }',
            '      - name: lid',
            '        mode: include',
            '        matrix: { width: [20], h: [3] }',
            '      - name: plate',
            '        params: { width: 7 }',
            '',
          ].join('\n'),
        );
        const run = await runCli(['render', '--engine', engine, '--no-cache'], project);
        expect(run.code, run.stdout + run.stderr).toBe(0);
        // Only the part that gives h no value is warned about; width reaches lid() as its argument.
        expect(run.stdout).toContain(
          'lids.scad:2:24: warning: lid() is rendered without a value for h, so h (no default) is undef in it',
        );
        expect(run.stdout).not.toContain('does not assign');
        const size = async (file: string): Promise<[number, number, number]> =>
          stlSize(await readFile(join(project, 'outputs', file), 'utf8'));
        expect(await size('lid.stl')).toEqual([40, 40, 2]);
        expect(await size('lid-width20-h3.stl')).toEqual([20, 20, 3]);
        expect(await size('plate.stl')).toEqual([7, 1, 1]);
      });

      it('renders only the parts a name glob selects', async () => {
        const project = await copyFixture('e2e-project');
        const run = await runCli(['render', '--engine', engine, 'lid*'], project);
        expect(run.code, run.stdout + run.stderr).toBe(0);
        expect(await listFiles(join(project, 'outputs'))).toEqual([
          'box/lid-large.stl',
          'box/lid-small.stl',
        ]);
      });

      it('renders a folder of one-part files with no config at all', async () => {
        const project = await copyFixture('e2e-project');
        await rm(join(project, 'parascad.config.yaml'));
        await rm(join(project, 'parts', 'wip'), { recursive: true });
        const run = await runCli(['render', '--engine', engine, 'parts/*.scad'], project);
        expect(run.code, run.stdout + run.stderr).toBe(0);
        expect(await listFiles(join(project, 'outputs'))).toEqual(['bracket.stl', 'spacer.stl']);
      });
    });
  },
);

describe('parascad render on a wrong project config', () => {
  it('reports every problem of the file at once, with file:line:col, before rendering', async () => {
    const project = await copyFixture('e2e-project');
    await writeFile(
      join(project, 'parascad.config.yaml'),
      ['defaults:', '  fromats: [stl]', '  timeout: soon', 'files:', '  - path: box.scad', ''].join(
        '\n',
      ),
    );
    const run = await runCli(['render', '--engine', 'wasm'], project);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('parascad.config.yaml:2:3');
    expect(run.stderr).toContain('unknown key "fromats"');
    expect(run.stderr).toContain('did you mean formats?');
    expect(run.stderr).toContain('parascad.config.yaml:3:12');
    expect(run.stderr).toContain('timeout must be a positive number of seconds');
    expect(run.stderr).toMatch(/\^+/);
    expect(await listFiles(project)).not.toContain('outputs');
  });

  it('reports unknown keys, unknown modules and values of the wrong type in one run', async () => {
    const project = await copyFixture('e2e-project');
    await copyFile(
      fileURLToPath(new URL('../fixtures/config/every-stage.yaml', import.meta.url)),
      join(project, 'parascad.config.yaml'),
    );
    const run = await runCli(['render', '--engine', 'wasm'], project);
    expect(run.code).toBe(2);
    const places = [...run.stderr.matchAll(/parascad\.config\.yaml:(\d+:\d+): error: (.*)/g)];
    expect(places.map(([, place, message]) => `${place} ${message}`)).toEqual([
      '4:3 unknown key "fromats" in defaults',
      '8:9 module "lidd" is not declared in box.scad',
      '10:26 width is a string (wide), but its default (box.scad:2) is a number',
      '12:28 files[0].modules[2].params.corners must be a number, string, boolean, null or a list of those, got a mapping',
    ]);
    expect(run.stderr).toContain('did you mean formats?');
    expect(run.stderr).toContain('did you mean lid?');
    expect(await listFiles(project)).not.toContain('outputs');

    const json = await runCli(['render', '--engine', 'wasm', '--json'], project);
    expect(json.code).toBe(2);
    const event = JSON.parse(json.stdout.trim()) as {
      type: string;
      error: { problems: { message: string; location: { line: number } }[] };
    };
    expect(event.type).toBe('run-error');
    expect(event.error.problems.map((problem) => problem.location.line)).toEqual([4, 8, 10, 12]);
  });

  it('prints the warnings found with the errors, among them in reading order, and as events', async () => {
    const project = await copyFixture('e2e-project');
    await writeFile(
      join(project, 'parascad.config.yaml'),
      [
        'files:',
        '  - path: box.scad',
        '    modules:',
        '      - name: lid',
        '        params: { widht: 30 }',
        '        engine: wasmm',
        '',
      ].join('\n'),
    );

    const run = await runCli(['list'], project);
    const json = await runCli(['list', '--json'], project);

    expect(run.code).toBe(2);
    const said = [...run.stderr.matchAll(/parascad\.config\.yaml:(\d+):\d+: (error|warning): /g)];
    expect(said.map(([, line, severity]) => `${line} ${severity}`)).toEqual([
      '5 warning',
      '6 error',
    ]);
    expect(run.stderr).toContain('did you mean width?');
    expect(json.code).toBe(2);
    const events = json.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string });
    expect(events.map((event) => event.type)).toEqual(['warning', 'run-error']);
  });

  it('refuses unknown modules, unknown parameter sets and clashing outputs together', async () => {
    const project = await copyFixture('e2e-project');
    await writeFile(
      join(project, 'parascad.config.yaml'),
      [
        'files:',
        '  - path: box.scad',
        '    output: "same.{format}"',
        '    modules:',
        '      - lidd',
        '      - name: lid',
        '        paramsets: { file: box.json, sets: [medium] }',
        '      - base',
        '      - tag',
        '',
      ].join('\n'),
    );
    const run = await runCli(['render', '--engine', 'wasm'], project);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/parascad\.config\.yaml:5:9.*lidd/);
    expect(run.stderr).toContain('did you mean lid?');
    expect(run.stderr).toMatch(/medium/);
    expect(run.stderr).toMatch(/same\.stl/);
    expect(await listFiles(project)).not.toContain('outputs');
  });
});
