import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readParameterSets } from '../../src/plan/customizer-sets.js';
import type { ParameterSet } from '../../src/plan/customizer-sets.js';
import { parameterSetVariables } from '../../src/plan/parameter-set-variables.js';
import { topLevelAssignments } from '../../src/plan/top-level-assignments.js';
import { hasNativeOpenScad, nativeSkipReason } from '../support/has-native-openscad.js';
import { fixture } from './fixture-path.js';
import { encodeFunction, openscadEcho } from './openscad-echo.js';

const scadFile = fixture('config-paramsets', 'box.scad');
const scadSource = readFileSync(scadFile, 'utf8');
const assignments = topLevelAssignments(scadSource, scadFile);

async function set(json: string, name: string): Promise<ParameterSet> {
  const found = (await readParameterSets(fixture('config-paramsets', json))).sets.get(name);
  if (found === undefined) throw new Error(`no set ${name} in ${json}`);
  return found;
}

function sources(typed: ReturnType<typeof parameterSetVariables>): Record<string, string> {
  return Object.fromEntries([...typed.variables].map(([name, value]) => [name, value.source]));
}

describe('parameterSetVariables', () => {
  it('types each value by the type of its default in the scad file', async () => {
    const typed = parameterSetVariables(await set('box.json', 'large'), assignments, scadFile);

    expect(typed.problems).toEqual([]);
    expect(sources(typed)).toEqual({
      width: '100',
      height: '-7.5',
      label: '"C:\\\\parts\\\\big\\nbox"',
      rounded: 'true',
      holes: '[5, 6, 7]',
      tags: '["x", "y\\"z"]',
    });
  });

  it('keeps strings as they are, spaces included, and reads 0/1 and signs like OpenSCAD', async () => {
    const typed = parameterSetVariables(await set('box.json', 'Name.dot'), assignments, scadFile);

    expect(sources(typed)).toEqual({
      width: '3',
      label: '"  spaced  "',
      rounded: 'false',
      holes: '[-1, 2.5]',
    });
    expect(typed.variables.get('label')?.text).toBe('  spaced  ');
  });

  it('reports every value OpenSCAD would silently ignore, at its key in the JSON file', async () => {
    const file = fixture('config-paramsets', 'wrong.json');
    const typed = parameterSetVariables(await set('wrong.json', 'typos'), assignments, scadFile);

    expect(typed.problems).toEqual([
      {
        message:
          'set "typos" gives width "wide", which is not a number like its default (box.scad:3)',
        location: { file, line: 4, column: 13, length: 7 },
        hint: 'OpenSCAD would silently render the default instead',
      },
      {
        message:
          'set "typos" gives rounded "yes", which is not true or false like its default (box.scad:7)',
        location: { file, line: 5, column: 13, length: 9 },
        hint: 'OpenSCAD would silently render the default instead',
      },
      {
        message:
          'set "typos" gives holes "5, 6", which is not a list like its default (box.scad:8)',
        location: { file, line: 6, column: 13, length: 7 },
        hint: 'write a list of numbers, "quoted strings", true/false and lists, e.g. [10, "a"]',
      },
      {
        message:
          'set "typos" gives tags "[x, y]", which is not a list like its default (box.scad:9)',
        location: { file, line: 7, column: 13, length: 6 },
        hint: 'write a list of numbers, "quoted strings", true/false and lists, e.g. [10, "a"]',
      },
      {
        message: 'set "typos" sets depth, which box.scad does not define',
        location: { file, line: 8, column: 13, length: 7 },
        hint: 'OpenSCAD ignores values of variables the file does not assign at its top level',
      },
      {
        message:
          'set "typos" gives computed "4", but its default (box.scad:10) is an expression, so its type is unknown',
        location: { file, line: 9, column: 13, length: 10 },
        hint: 'the customizer only offers variables whose default is a literal; set it under params instead',
      },
      {
        message:
          'set "typos" gives nothing "1", but its default (box.scad:11) is undef, so its type is unknown',
        location: { file, line: 10, column: 13, length: 9 },
        hint: 'set it under params instead',
      },
    ]);
  });

  it('suggests the variable a misspelt name probably meant', () => {
    const misspelt: ParameterSet = {
      name: 'x',
      at: { file: '/sets.json', line: 1 },
      values: new Map([['widht', { text: '3', at: { file: '/sets.json', line: 2 } }]]),
    };

    expect(parameterSetVariables(misspelt, assignments, scadFile).problems).toEqual([
      {
        message: 'set "x" sets widht, which box.scad does not define',
        location: { file: '/sets.json', line: 2 },
        hint: 'did you mean width?',
      },
    ]);
  });
});

describe.skipIf(!hasNativeOpenScad)(
  `parameterSetVariables against openscad -p/-P ${nativeSkipReason}`,
  () => {
    const names = ['width', 'height', 'label', 'rounded', 'holes', 'tags'];
    const program = `${scadSource}\n${encodeFunction}\necho(enc([${names.join(', ')}]));\n`;
    const json = readFileSync(fixture('config-paramsets', 'box.json'), 'utf8');

    it.each(['small', 'large', 'Name.dot'])(
      'gives set %s the values openscad itself gives it',
      async (name) => {
        const typed = parameterSetVariables(await set('box.json', name), assignments, scadFile);
        const defines = [...typed.variables].flatMap(([variable, value]) => [
          '-D',
          `${variable}=${value.source}`,
        ]);

        const ours = openscadEcho(program, defines);
        const theirs = openscadEcho(program, ['-p', 'box.json', '-P', name], { 'box.json': json });
        const defaults = openscadEcho(program);

        expect(ours).toEqual(theirs);
        expect(ours).not.toEqual(defaults);
      },
    );
  },
);
