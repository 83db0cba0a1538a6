import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ModuleEntry, ProjectConfig } from '../../src/config/project-config.js';
import type { ConfigProblem } from '../../src/errors.js';
import { planProject } from '../../src/plan/plan-project.js';
import { configValues } from './config-values.js';
import { fixture } from './fixture-path.js';
import { problemsOf } from './plan-outcome.js';

const modulesDir = fixture('config-modules');
const setsDir = fixture('config-paramsets');

/** A config listing `modules` of `box.scad` in `folder`. */
function boxConfig(folder: string, modules: ModuleEntry[]): ProjectConfig {
  const { value } = configValues(join(folder, 'parascad.config.yaml'));
  return {
    file: join(folder, 'parascad.config.yaml'),
    defaults: {},
    files: [{ path: value('box.scad', 2, 11), exclude: [], modules }],
  };
}

const modules = configValues(join(modulesDir, 'parascad.config.yaml'));
const sets = configValues(join(setsDir, 'parascad.config.yaml'));

describe('planProject with variables', () => {
  describe('params', () => {
    it('gives each param as OpenSCAD source, whatever its type', async () => {
      const { value } = modules;
      const [lid] = await planProject(
        boxConfig(modulesDir, [
          {
            name: value('lid', 4),
            params: {
              width: value(50, 6),
              wall: value(1.5, 7),
              label: value('wide "box"\\1', 8),
              rounded: value(false, 9),
              size: value([10, 20.5, [1, 'a']], 10),
              notes: value(null, 11),
            },
          },
        ]),
        { projectDir: modulesDir },
      );

      expect(lid?.variables).toEqual({
        width: '50',
        wall: '1.5',
        label: '"wide \\"box\\"\\\\1"',
        rounded: 'false',
        size: '[10, 20.5, [1, "a"]]',
        notes: 'undef',
      });
      expect(lid?.name).toBe('lid');
      expect(lid?.mode).toBe('use');
    });

    it('refuses names that are not OpenSCAD variables and values OpenSCAD cannot read', async () => {
      const { value, at } = modules;
      const problems = await problemsOf(
        planProject(
          boxConfig(modulesDir, [
            {
              name: value('lid', 4),
              params: {
                'width; cube(100)': value(1, 6, 9),
                wall: value(Number.NaN, 7, 15),
                label: value('a\0b', 8, 16),
              },
            },
          ]),
          { projectDir: modulesDir },
        ),
      );

      expect(problems).toEqual<ConfigProblem[]>([
        {
          message: 'params name "width; cube(100)" is not an OpenSCAD variable name',
          location: at(6, 9),
          hint: 'a variable name is letters, digits and _ (not starting with a digit), optionally after $',
        },
        {
          message: 'wall cannot be given to OpenSCAD: NaN is not a number OpenSCAD can read',
          location: at(7, 15),
        },
        {
          message: 'label cannot be given to OpenSCAD: a string for OpenSCAD cannot hold a NUL',
          location: at(8, 16),
        },
      ]);
    });

    it('refuses a value of another type than its default, and warns about a param the file does not assign', async () => {
      const { value, at } = modules;
      const warnings: ConfigProblem[] = [];

      const problems = await problemsOf(
        planProject(
          boxConfig(modulesDir, [
            {
              name: value('lid', 4),
              params: {
                widht: value(3, 6, 9),
                $fn: value(12, 7, 9),
                colour: value('red', 8, 9),
                wall: value('thick', 9, 9),
                notes: value(3, 10, 9),
              },
            },
          ]),
          { projectDir: modulesDir, onWarning: (warning) => warnings.push(warning) },
        ),
      );

      expect(problems).toEqual<ConfigProblem[]>([
        {
          message: 'wall is a string (thick), but its default (box.scad:4) is a number',
          location: at(9, 9),
          hint: 'give a value of the type of the default, as the customizer does',
        },
      ]);
      expect(warnings).toEqual<ConfigProblem[]>([
        {
          message:
            'params sets widht, which box.scad does not assign at its top level and lid() has no parameter of that name',
          location: at(6, 9),
          hint: 'did you mean width?',
        },
        {
          message:
            'params sets colour, which box.scad does not assign at its top level and lid() has no parameter of that name',
          location: at(8, 9),
          hint: 'it is passed anyway; neither box.scad nor a file it includes or uses assigns it',
        },
      ]);
    });
  });

  describe('matrix', () => {
    it('gives one part per combination, the first variable slowest, named after the values', async () => {
      const { value } = modules;
      const jobs = await planProject(
        boxConfig(modulesDir, [
          {
            name: value('lid', 4),
            params: { label: value('m', 5) },
            matrix: { width: value([40, 60], 7), wall: value([1.2, 2], 8) },
          },
        ]),
        { projectDir: modulesDir },
      );

      expect(jobs.map((job) => [job.name, job.variables, job.outputs[0]?.path])).toEqual([
        [
          'lid-width40-wall1.2',
          { label: '"m"', width: '40', wall: '1.2' },
          join(modulesDir, 'outputs', 'lid-width40-wall1.2.stl'),
        ],
        [
          'lid-width40-wall2',
          { label: '"m"', width: '40', wall: '2' },
          join(modulesDir, 'outputs', 'lid-width40-wall2.stl'),
        ],
        [
          'lid-width60-wall1.2',
          { label: '"m"', width: '60', wall: '1.2' },
          join(modulesDir, 'outputs', 'lid-width60-wall1.2.stl'),
        ],
        [
          'lid-width60-wall2',
          { label: '"m"', width: '60', wall: '2' },
          join(modulesDir, 'outputs', 'lid-width60-wall2.stl'),
        ],
      ]);
      expect(new Set(jobs.map((job) => job.id)).size).toBe(4);
    });

    it('sanitises values in names: strings, lists and signs', async () => {
      const { value } = modules;
      const jobs = await planProject(
        boxConfig(modulesDir, [
          {
            name: value('base', 4),
            matrix: {
              label: value(['big box', 'a/b'], 6),
              size: value([[10, 20, -5]], 7),
            },
          },
        ]),
        { projectDir: modulesDir },
      );

      expect(jobs.map((job) => job.name)).toEqual([
        'base-labelbig_box-size10x20x-5',
        'base-labela_b-size10x20x-5',
      ]);
      expect(jobs[0]?.variables).toEqual({ label: '"big box"', size: '[10, 20, -5]' });
    });

    it('reports a variable without values and one set by both params and matrix', async () => {
      const { value, at } = modules;
      const problems = await problemsOf(
        planProject(
          boxConfig(modulesDir, [
            {
              name: value('lid', 4),
              params: { width: value(40, 6) },
              matrix: { width: value([40, 60], 8, 12), wall: value([], 9, 11) },
            },
          ]),
          { projectDir: modulesDir },
        ),
      );

      expect(problems).toEqual([
        {
          message: 'width is set both under params and under matrix',
          location: at(8, 12),
          hint: 'keep one of them: the matrix would always override params',
        },
        {
          message: 'matrix wall has no values, so it gives no parts',
          location: at(9, 11),
          hint: 'list the values to render, e.g. wall: [10, 20]',
        },
      ]);
    });
  });

  describe('customizer sets', () => {
    it('gives one part per set of the file, typed by the defaults, named module-set', async () => {
      const { value } = sets;
      const jobs = await planProject(
        boxConfig(setsDir, [
          { name: value('box', 4), paramsets: { file: value('box.json', 5, 15) } },
        ]),
        { projectDir: setsDir },
      );

      expect(jobs.map((job) => [job.name, job.paramSet, job.variables])).toEqual([
        [
          'box-small',
          { file: join(setsDir, 'box.json'), name: 'small' },
          { width: '20', label: '"small \\"one\\""', rounded: 'false' },
        ],
        [
          'box-large',
          { file: join(setsDir, 'box.json'), name: 'large' },
          {
            width: '100',
            height: '-7.5',
            label: '"C:\\\\parts\\\\big\\nbox"',
            rounded: 'true',
            holes: '[5, 6, 7]',
            tags: '["x", "y\\"z"]',
          },
        ],
        [
          'box-Name.dot',
          { file: join(setsDir, 'box.json'), name: 'Name.dot' },
          { width: '3', label: '"  spaced  "', rounded: 'false', holes: '[-1, 2.5]' },
        ],
      ]);
    });

    it('renders the named sets only, explicit params overriding the sets, times the matrix', async () => {
      const { value } = sets;
      const jobs = await planProject(
        boxConfig(setsDir, [
          {
            name: value('box', 4),
            paramsets: { file: value('box.json', 5), sets: [value('large', 6), value('small', 7)] },
            params: { width: value(55, 8) },
            matrix: { height: value([1, 2], 9) },
            output: value('{set}/{module}-h{param.height}-{param.label}.{format}', 10),
          },
        ]),
        { projectDir: setsDir },
      );

      expect(
        jobs.map((job) => [
          job.name,
          job.variables['width'],
          job.variables['height'],
          job.outputs[0]?.path.slice(setsDir.length + 1),
        ]),
      ).toEqual([
        ['box-large-height1', '55', '1', 'outputs/large/box-h1-C:_parts_big_box.stl'],
        ['box-large-height2', '55', '2', 'outputs/large/box-h2-C:_parts_big_box.stl'],
        ['box-small-height1', '55', '1', 'outputs/small/box-h1-small "one".stl'],
        ['box-small-height2', '55', '2', 'outputs/small/box-h2-small "one".stl'],
      ]);
    });

    it('reports an unknown set, a missing file and an empty file at the config values', async () => {
      const { value, at } = sets;
      const problems = await problemsOf(
        planProject(
          boxConfig(setsDir, [
            {
              name: value('box', 4),
              paramsets: { file: value('box.json', 5, 15, 8), sets: [value('smal', 6, 17, 4)] },
            },
            { name: value('box', 7), paramsets: { file: value('box-sets.json', 8, 15, 13) } },
            { name: value('box', 9), paramsets: { file: value('empty.json', 10, 15, 10) } },
          ]),
          { projectDir: setsDir },
        ),
      );

      expect(problems).toEqual([
        {
          message: 'box.json has no parameter set "smal"',
          location: at(6, 17, 4),
          hint: 'did you mean "small"?',
        },
        {
          message: 'parameter set file box-sets.json does not exist',
          location: at(8, 15, 13),
          hint: `it is looked up in ${setsDir}`,
        },
        {
          message: 'empty.json defines no parameter sets',
          location: at(10, 15, 10),
          hint: 'OpenSCAD writes them as { "parameterSets": { "NAME": { "variable": "value", … } }, "fileFormatVersion": "1" }',
        },
      ]);
    });

    it('reports values of the wrong type at their place in the JSON file', async () => {
      const { value } = sets;
      const problems = await problemsOf(
        planProject(
          boxConfig(setsDir, [
            {
              name: value('box', 4),
              paramsets: { file: value('wrong.json', 5), sets: [value('typos', 6)] },
            },
          ]),
          { projectDir: setsDir },
        ),
      );

      expect(
        problems.map((problem) => [
          problem.message,
          problem.location?.file,
          problem.location?.line,
        ]),
      ).toEqual([
        [
          'set "typos" gives width "wide", which is not a number like its default (box.scad:3)',
          join(setsDir, 'wrong.json'),
          4,
        ],
        [
          'set "typos" gives rounded "yes", which is not true or false like its default (box.scad:7)',
          join(setsDir, 'wrong.json'),
          5,
        ],
        [
          'set "typos" gives holes "5, 6", which is not a list like its default (box.scad:8)',
          join(setsDir, 'wrong.json'),
          6,
        ],
        [
          'set "typos" gives tags "[x, y]", which is not a list like its default (box.scad:9)',
          join(setsDir, 'wrong.json'),
          7,
        ],
        ['set "typos" sets depth, which box.scad does not define', join(setsDir, 'wrong.json'), 8],
        [
          'set "typos" gives computed "4", but its default (box.scad:10) is an expression, so its type is unknown',
          join(setsDir, 'wrong.json'),
          9,
        ],
        [
          'set "typos" gives nothing "1", but its default (box.scad:11) is undef, so its type is unknown',
          join(setsDir, 'wrong.json'),
          10,
        ],
      ]);
    });
  });
});
