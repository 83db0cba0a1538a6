import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadProjectConfig } from '../../src/config/load-project-config.js';
import { ConfigError } from '../../src/errors.js';
import type { ConfigProblem } from '../../src/errors.js';
import { formatConfigError } from '../../src/report/format-config-error.js';

const fixture = (name: string): string =>
  fileURLToPath(new URL(`../fixtures/config/errors/${name}`, import.meta.url));

/** The ConfigError `load` throws; fails the test when it throws nothing or something else. */
async function configErrorOf(load: Promise<unknown>): Promise<ConfigError> {
  const error: unknown = await load.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return error as ConfigError;
}

/** The problems of `file`, each as [line:column+length, message, hint] for compact expectations. */
async function problemsIn(file: string): Promise<(string | undefined)[][]> {
  const error = await configErrorOf(loadProjectConfig(file));
  for (const problem of error.problems) expect(problem.location?.file).toBe(file);
  return error.problems.map((problem: ConfigProblem) => {
    const where = problem.location;
    const place = `${where?.line}:${where?.column}${where?.length === undefined ? '' : `+${where.length}`}`;
    return problem.hint === undefined
      ? [place, problem.message]
      : [place, problem.message, problem.hint];
  });
}

const variableHint =
  'a variable name is a letter or _ (after a $ for special variables), then letters, digits and _';
const moduleHint = 'a module name is a letter, _ or $, then letters, digits, _ and $';
const bothHint = 'a variable takes one value (params) or one value per part (matrix), not both';
const placeholders = '{dir}, {file}, {module}, {set}, {param.NAME}, {format}, {name}';
const paramValue = 'must be a number, string, boolean, null or a list of those';

let temp: string;
beforeEach(async () => {
  temp = await mkdtemp(path.join(tmpdir(), 'parascad-project-config-'));
});
afterEach(async () => {
  await rm(temp, { recursive: true, force: true });
});

describe('loadProjectConfig problems', () => {
  it('reports unknown keys at every level at the key, with the key probably meant', async () => {
    expect(await problemsIn(fixture('unknown-keys.yaml'))).toEqual([
      ['1:1+6', 'unknown key "outdir"', 'did you mean outDir?'],
      ['3:3+7', 'unknown key "fromats" in defaults', 'did you mean formats?'],
      ['4:14+2', 'unknown key "fm" in defaults.quality', 'did you mean fn?'],
      ['7:5+6', 'unknown key "exlude" in files[0]', 'did you mean exclude?'],
      ['10:9+5', 'unknown key "param" in files[0].modules[0]', 'did you mean params?'],
      ['11:38+3', 'unknown key "set" in files[0].modules[0].paramsets', 'did you mean sets?'],
      [
        '13:5+6',
        'unknown key "colour" in files[1]',
        'known keys: path, exclude, modules, params, paramsets, matrix, formats, quality, timeout, engine, backend, stl, mode, output',
      ],
    ]);
  });

  it('reports every wrong type at once, saying what was expected and what was found', async () => {
    expect(await problemsIn(fixture('wrong-types.yaml'))).toEqual([
      ['1:10+1', '$schema must be the path or URL of the JSON schema, got 3'],
      ['2:9+2', 'outDir must be a folder path such as outputs, got ""'],
      ['3:7+3', 'jobs must be a positive integer, got 2.5'],
      ['4:11+3', 'defaults must be a mapping of settings such as {formats: [stl]}, got "stl"'],
      ['6:11+2', 'files[0].path must be a file path or glob such as parts/*.scad, got 42'],
      ['7:25+1', 'files[0].exclude[1] must be a path or glob, got 7'],
      ['8:14+4', 'files[0].timeout must be a positive number of seconds, got "2m"'],
      [
        '9:13+4',
        'files[0].engine must be auto, native, wasm or hybrid, got "wasn"',
        'did you mean wasm?',
      ],
      ['10:14+4', 'files[0].backend must be manifold or cgal, got "mesh"'],
      ['11:11+6', 'files[0].mode must be include or use, got "import"'],
      ['12:13+1', 'files[0].output must be a path template such as "{name}.{format}", got 5'],
      ['13:5+8', 'files[1] must be a mapping such as {path: parts/*.scad}, got "box.scad"'],
      // A missing key is blamed on the mapping that lacks it.
      ['14:5+17', 'files[2].path is required'],
    ]);
  });

  it('reports unknown export formats with the closest one, and formats that are no list', async () => {
    expect(await problemsIn(fixture('formats.yaml'))).toEqual([
      ['2:12+4', 'unknown export format "stll"', 'did you mean stl?'],
      ['5:20+4', 'unknown export format ".PNJ"', 'did you mean png?'],
      ['5:26+1', 'files[0].formats[2] must be an export format such as stl, got 3'],
      ['7:14+2', 'files[1].formats must list at least one export format, got an empty list'],
      [
        '9:14+13',
        'files[2].formats must be an export format or a list of them, such as [stl, 3mf], got a mapping',
      ],
    ]);
  });

  it('reports quality values that are not positive numbers, and $fn given twice', async () => {
    expect(await problemsIn(fixture('quality.yaml'))).toEqual([
      ['2:12+2', 'defaults.quality must be a mapping such as {$fn: 64}, got 64'],
      ['5:21+1', 'files[0].quality.$fn must be a positive number, got 0'],
      ['5:28+2', 'files[0].quality.fa must be a positive number, got -2'],
      ['5:36+5', 'files[0].quality.fs must be a positive number, got "small"'],
      ['9:7+2', 'files[1].quality.fn is the same setting as $fn', 'keep one of them'],
    ]);
  });

  it('reports modules that are neither marked, whole nor a list of module entries', async () => {
    expect(await problemsIn(fixture('modules.yaml'))).toEqual([
      [
        '3:14+5',
        'files[0].modules must be marked, whole or a list of modules, got "marke"',
        'did you mean marked?',
      ],
      ['5:14+2', 'files[1].modules must list at least one module, got an empty list'],
      [
        '8:9+2',
        'files[2].modules[0] must be a module name or a mapping such as {name: base}, got 42',
      ],
      ['9:9+8', 'files[2].modules[1] must be a module name, got "2 lids"', moduleHint],
      ['10:15+2', 'files[2].modules[2].name must be a module name, got ""', moduleHint],
      // An entry with a misspelt key is still an entry: both of its problems are reported.
      ['11:9+9', 'files[2].modules[3].name is required'],
      ['11:9+3', 'unknown key "nme" in files[2].modules[3]', 'did you mean name?'],
      [
        '12:9+5',
        'files[2].modules[4] must be a module name or a mapping such as {name: base}, got a list',
      ],
    ]);
  });

  it('reports parameter names OpenSCAD would not take, at the name, and values it cannot hold', async () => {
    expect(await problemsIn(fixture('params.yaml'))).toEqual([
      ['6:11+2', 'files[0].modules[0].params["2x"] is not an OpenSCAD variable name', variableHint],
      [
        '7:11+8',
        'files[0].modules[0].params["my-width"] is not an OpenSCAD variable name',
        variableHint,
      ],
      ['9:17+8', `files[0].modules[0].params.size ${paramValue}, got a mapping`],
      // Inside nested lists the problem is the innermost item.
      ['10:32+2', `files[0].modules[0].params.points[1][1] ${paramValue}, got an empty mapping`],
      ['11:16+4', `files[0].modules[0].params.big ${paramValue}, got .inf`],
      [
        '14:17+10',
        'files[0].modules[1].params must be a mapping of variable names to values such as {width: 40}, got a list',
      ],
    ]);
  });

  it('reports matrix values that are no non-empty lists, and variables also in params', async () => {
    expect(await problemsIn(fixture('matrix.yaml'))).toEqual([
      ['7:11+4', 'files[0].modules[0].matrix.size is also set in params', bothHint],
      // Found even though the value beside it is wrong too.
      ['8:11+4', 'files[0].modules[0].matrix.wall is also set in params', bothHint],
      [
        '8:17+1',
        'files[0].modules[0].matrix.wall must be a non-empty list of values such as [10, 20], got 2',
      ],
      [
        '9:18+2',
        'files[0].modules[0].matrix.holes must be a non-empty list of values such as [10, 20], got an empty list',
      ],
      [
        '10:11+6',
        'files[0].modules[0].matrix["9lives"] is not an OpenSCAD variable name',
        variableHint,
      ],
      ['11:24+8', `files[0].modules[0].matrix.ok[1] ${paramValue}, got a mapping`],
      [
        '13:17+6',
        'files[0].modules[1].matrix must be a mapping of variable names to lists of values such as {size: [10, 20]}, got a list',
      ],
    ]);
  });

  it('reports paramsets that are neither a file, true, nor a mapping with set names', async () => {
    expect(await problemsIn(fixture('paramsets.yaml'))).toEqual([
      [
        '5:20+1',
        'files[0].modules[0].paramsets must be the path of a parameter set file, true (NAME.json beside NAME.scad), or a mapping such as {file: box.json, sets: [small]}, got 3',
      ],
      [
        '9:42+2',
        'files[0].modules[2].paramsets.sets must list at least one parameter set, got an empty list',
      ],
      [
        '11:42+5',
        'files[0].modules[3].paramsets.sets must be a list of parameter set names such as [small, large], got "small"',
      ],
      [
        '13:28+2',
        'files[0].modules[4].paramsets.file must be the path of a parameter set file such as box.json, got ""',
      ],
      [
        '13:46+1',
        'files[0].modules[4].paramsets.sets[1] must be the name of a parameter set, got 2',
      ],
    ]);
  });

  it('reports unknown placeholders and unpaired braces of output templates at the placeholder', async () => {
    expect(await problemsIn(fixture('output.yaml'))).toEqual([
      ['2:19+8', 'defaults.output has an unknown placeholder {fromat}', 'did you mean {format}?'],
      ['5:14+8', 'files[0].output has an unknown placeholder {Module}', 'did you mean {module}?'],
      [
        '5:23+14',
        'files[0].output has an unknown placeholder {params.width}',
        'did you mean {param.width}?',
      ],
      [
        '5:38+10',
        'files[0].output has an unknown placeholder {param.2x}',
        '{param.NAME} takes an OpenSCAD variable name, such as {param.width}',
      ],
      [
        '7:21+1',
        'files[1].output has a "{" without a closing "}"',
        `placeholders are written ${placeholders}`,
      ],
      [
        '9:17+1',
        'files[2].output has a "}" without an opening "{"',
        `placeholders are written ${placeholders}`,
      ],
      [
        '11:20+5',
        'files[3].output has an unknown placeholder {xyz}',
        `placeholders are ${placeholders}`,
      ],
      ['13:13+2', 'files[4].output must be a path template such as "{name}.{format}", got ""'],
      // The same mistake twice is marked twice, each where it is.
      ['15:21+8', 'files[5].output has an unknown placeholder {fromat}', 'did you mean {format}?'],
      ['15:30+8', 'files[5].output has an unknown placeholder {fromat}', 'did you mean {format}?'],
    ]);
  });

  it.each([
    ['missing-files.yaml', '1:1+11', 'files is required'],
    [
      'empty-files.yaml',
      '1:8+2',
      'files must list at least one {path: …} entry, got an empty list',
    ],
    ['files-not-a-list.yaml', '1:8+8', 'files must be a list of {path: …} entries, got "box.scad"'],
    [
      'not-a-mapping.yaml',
      '1:1+14',
      'not-a-mapping.yaml must be a mapping of settings such as "files: [{path: project.scad}]", got a list',
    ],
  ])('refuses %s', async (name, place, message) => {
    expect(await problemsIn(fixture(name))).toEqual([[place, message]]);
  });

  it.each(['empty.yaml', 'comments-only.yaml'])(
    'reports %s as empty, with what a config needs',
    async (name) => {
      expect(await problemsIn(fixture(name))).toEqual([
        [
          '1:1',
          `${name} is empty`,
          'a project config lists at least the files to render, such as "files: [{path: project.scad}]"',
        ],
      ]);
    },
  );

  it('gives an empty parascad.config.json its hint in JSON', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'parascad-empty-json-'));
    await writeFile(path.join(folder, 'parascad.config.json'), '\n');

    expect(await problemsIn(path.join(folder, 'parascad.config.json'))).toEqual([
      [
        '1:1',
        'parascad.config.json is empty',
        'a project config lists at least the files to render, such as {"files": [{"path": "project.scad"}]}',
      ],
    ]);
  });

  it('reports invalid YAML at the place the parser stopped', async () => {
    expect(await problemsIn(fixture('bad-yaml.yaml'))).toEqual([
      [
        '4:1+1',
        'invalid YAML: flow sequence in block collection must be sufficiently indented and end with a ]',
      ],
    ]);
    expect(await problemsIn(fixture('duplicate-key.yaml'))).toEqual([
      ['3:1+1', 'invalid YAML: map keys must be unique'],
    ]);
  });

  it('refuses aliases that expand beyond reason without expanding them', async () => {
    const file = path.join(temp, 'parascad.config.yaml');
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (const name of ['b', 'c', 'd', 'e']) {
      const previous = String.fromCharCode(name.charCodeAt(0) - 1);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`);
    }
    await writeFile(file, `${levels.join('\n')}\nfiles: [*e]\n`);

    expect(await problemsIn(file)).toEqual([
      ['1:1', 'invalid YAML: excessive alias count indicates a resource exhaustion attack'],
    ]);
  });

  it('reports the problems of a JSON config at their line and column in the JSON', async () => {
    expect(await problemsIn(fixture('errors.json'))).toEqual([
      ['3:11+3', 'jobs must be a positive integer, got "4"'],
      ['4:17+9', 'unknown key "fromats" in defaults', 'did you mean formats?'],
      [
        '4:47+6',
        'defaults.engine must be auto, native, wasm or hybrid, got "wasn"',
        'did you mean wasm?',
      ],
      ['8:49+4', 'files[0].modules[0].params["2x"] is not an OpenSCAD variable name', variableHint],
      [
        '8:80+2',
        'files[0].modules[0].matrix.size must be a non-empty list of values such as [10, 20], got an empty list',
      ],
      ['10:45+8', 'files[1].output has an unknown placeholder {fromat}', 'did you mean {format}?'],
    ]);
  });

  it.each([
    ['missing-comma.json', '4:5+1', "invalid JSON: expected ',' or ']' after array element"],
    [
      'trailing-comma.json',
      '3:25+1',
      'invalid JSON: a comma before "]": JSON allows no trailing comma',
    ],
    ['comment.json', '2:3+1', "invalid JSON: expected property name or '}'"],
    ['unquoted.json', '2:23+1', "invalid JSON: unexpected character 'a'"],
    // A missing end is shown right after the last thing written.
    ['truncated.json', '3:25+0', "invalid JSON: expected ',' or ']' after array element"],
  ])('holds %s to JSON syntax, in JSON terms', async (name, place, message) => {
    expect(await problemsIn(fixture(name))).toEqual([[place, message]]);
  });

  it('prints a JSON problem with a marker under the offending text', async () => {
    const file = fixture('errors.json');
    const error = await configErrorOf(loadProjectConfig(file));

    const printed = formatConfigError(error, { cwd: path.dirname(file), color: false });

    expect(printed.split('\n').slice(3, 7)).toEqual([
      'errors.json:4:17: error: unknown key "fromats" in defaults',
      '      "defaults": { "fromats": ["stl"], "engine": "wasn" },',
      '                    ^^^^^^^^^',
      '  hint: did you mean formats?',
    ]);
  });

  it('reads a JSON file by its extension whatever its case', async () => {
    const file = path.join(temp, 'PARASCAD.CONFIG.JSON');
    await writeFile(file, '{ "files": [{ "path": "a.scad" }], }\n');

    expect(await problemsIn(file)).toEqual([
      ['1:34+1', 'invalid JSON: a comma before "}": JSON allows no trailing comma'],
    ]);
  });
});
