import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FileEntry, PartSettings, ProjectConfig } from '../../src/config/project-config.js';
import { planProject } from '../../src/plan/plan-project.js';
import { configValues } from './config-values.js';
import { fixture } from './fixture-path.js';
import { problemsOf } from './plan-outcome.js';

const modulesDir = fixture('config-modules');
const clashDir = fixture('config-clash');
const modulesConfig = join(modulesDir, 'parascad.config.yaml');
const clashConfig = join(clashDir, 'parascad.config.yaml');
const { value, at } = configValues(modulesConfig);
const clash = configValues(clashConfig);

/** `lid` and `base` of config-modules/box.scad, with the given file-entry settings. */
function boxConfig(settings: PartSettings, defaults: PartSettings = {}): ProjectConfig {
  return {
    file: modulesConfig,
    defaults,
    files: [
      {
        path: value('box.scad', 3),
        exclude: [],
        modules: [
          { name: value('lid', 5), params: { width: value(50, 6) } },
          { name: value('base', 7) },
        ],
        ...settings,
      },
    ],
  };
}

function clashConfigOf(files: FileEntry[]): ProjectConfig {
  return { file: clashConfig, defaults: {}, files };
}

const relative = (path: string | undefined): string | undefined =>
  path?.slice(modulesDir.length + 1);

describe('planProject outputs', () => {
  describe('templates', () => {
    it('renders every placeholder, with folders, under the output folder', async () => {
      const [lid] = await planProject(
        {
          file: modulesConfig,
          defaults: {},
          files: [
            {
              path: value('box.scad', 3),
              exclude: [],
              modules: [{ name: value('lid', 5), params: { width: value(50, 6) } }],
              formats: value(['stl', '3mf'], 4),
              output: value('{file}/{module}/{name}-{set}w{param.width}.{format}', 9),
            },
          ],
        },
        { projectDir: modulesDir },
      );

      expect(lid?.outputs.map((output) => [output.format, relative(output.path)])).toEqual([
        ['stl', 'outputs/box/lid/lid-w50.stl'],
        ['3mf', 'outputs/box/lid/lid-w50.3mf'],
      ]);
    });

    it('takes the template from the defaults when no entry sets one', async () => {
      const jobs = await planProject(
        boxConfig({}, { output: value('models/{name}.{format}', 2) }),
        {
          projectDir: modulesDir,
        },
      );

      expect(jobs.map((job) => relative(job.outputs[0]?.path))).toEqual([
        'outputs/models/lid.stl',
        'outputs/models/base.stl',
      ]);
    });

    it('reports a parameter the template uses but a part does not set, once per template', async () => {
      const problems = await problemsOf(
        planProject(boxConfig({ output: value('{name}-{param.width}.{format}', 9, 13, 30) }), {
          projectDir: modulesDir,
        }),
      );

      expect(problems).toEqual([
        {
          message:
            'output template "{name}-{param.width}.{format}" uses {param.width}, but part base sets no width',
          location: at(9, 13, 30),
          hint: 'set width under params or matrix of that part, or leave {param.width} out of the template',
        },
      ]);
    });

    it('reports a template that leaves the output folder, however it is written', async () => {
      for (const template of [
        '../{name}.{format}',
        '/tmp/{name}.{format}',
        'a/../../{name}.{format}',
        'C:\\models\\{name}.{format}',
      ]) {
        const problems = await problemsOf(
          planProject(boxConfig({ output: value(template, 9, 13) }), { projectDir: modulesDir }),
        );

        expect(problems, template).toEqual([
          {
            message: `output template ${JSON.stringify(template)} gives ${JSON.stringify(template.replace('{name}', 'lid').replace('{format}', 'stl'))} for lid, which is outside the output folder`,
            location: at(9, 13),
            hint: 'write a path relative to the output folder, without leading / or ..',
          },
        ]);
      }
    });

    it('does not let a value climb out of the output folder', async () => {
      const jobs = await planProject(
        {
          ...boxConfig({ output: value('{param.label}.{format}', 9) }),
          files: [
            {
              path: value('box.scad', 3),
              exclude: [],
              modules: [{ name: value('lid', 5), params: { label: value('../../etc/passwd', 6) } }],
              output: value('{param.label}.{format}', 9),
            },
          ],
        },
        { projectDir: modulesDir },
      );

      expect(relative(jobs[0]?.outputs[0]?.path)).toBe('outputs/.._.._etc_passwd.stl');
    });

    it('reports unknown placeholders with a guess, stray braces, and a missing suffix', async () => {
      const cases: [string, string, string][] = [
        [
          '{nmae}.{format}',
          'output template "{nmae}.{format}" has an unknown placeholder {nmae}',
          'did you mean {name}?',
        ],
        [
          '{name.{format}',
          'output template "{name.{format}" has a "{" without a closing "}"',
          'placeholders are written {dir}, {file}, {module}, {set}, {param.NAME}, {format}, {name}',
        ],
        [
          '{name}',
          'output template "{name}" gives "lid" for lid, which does not end in .stl',
          'OpenSCAD picks the export format by the suffix: end the template with .{format}',
        ],
      ];
      for (const [template, message, hint] of cases) {
        const problems = await problemsOf(
          planProject(boxConfig({ output: value(template, 9, 13) }), { projectDir: modulesDir }),
        );

        expect(problems, template).toEqual([{ message, location: at(9, 13), hint }]);
      }
    });
  });

  describe('clashes', () => {
    it('reports two parts whose outputs differ only in case, naming both', async () => {
      const problems = await problemsOf(
        planProject(
          clashConfigOf([
            { path: clash.value('left/*.scad', 3), exclude: [], modules: clash.value('marked', 4) },
            {
              path: clash.value('right/*.scad', 5),
              exclude: [],
              modules: [{ name: clash.value('lid', 7, 15) }],
            },
          ]),
          { projectDir: clashDir },
        ),
      );

      expect(problems).toEqual([
        {
          message:
            'Lid (left/Lid.scad) and lid (right/lid.scad) would write outputs/Lid.stl and outputs/lid.stl, one file where case is not told apart (macOS, Windows)',
          location: clash.at(7, 15),
          hint: 'give them different output paths, e.g. output: "{dir}/{name}.{format}", which mirrors their folders',
        },
      ]);
    });

    it('accepts the same parts once a template tells them apart', async () => {
      const jobs = await planProject(
        clashConfigOf([
          {
            path: clash.value('right/*.scad', 3),
            exclude: [],
            modules: [{ name: clash.value('lid', 5) }],
            output: clash.value('right/{name}.{format}', 4),
          },
          { path: clash.value('left/*.scad', 6), exclude: [], modules: clash.value('marked', 7) },
        ]),
        { projectDir: clashDir },
      );

      expect(jobs.map((job) => job.outputs[0]?.path.slice(clashDir.length + 1))).toEqual([
        'outputs/right/lid.stl',
        'outputs/Lid.stl',
      ]);
    });

    it('mirrors the source folders with {dir}, which the clash hint proposes', async () => {
      const output = clash.value('{dir}/{name}.{format}', 4);
      const jobs = await planProject(
        clashConfigOf([
          {
            path: clash.value('left/*.scad', 3),
            exclude: [],
            modules: clash.value('marked', 5),
            output,
          },
          {
            path: clash.value('right/*.scad', 6),
            exclude: [],
            modules: [{ name: clash.value('lid', 7) }],
            output,
          },
        ]),
        { projectDir: clashDir },
      );

      expect(jobs.map((job) => job.outputs[0]?.path.slice(clashDir.length + 1))).toEqual([
        'outputs/left/Lid.stl',
        'outputs/right/lid.stl',
      ]);
    });

    it('reports a file that two entries ask for the same parts of', async () => {
      const problems = await problemsOf(
        planProject(
          clashConfigOf([
            {
              path: clash.value('left/Lid.scad', 3),
              exclude: [],
              modules: clash.value('marked', 4),
            },
            { path: clash.value('left/*.scad', 5), exclude: [], modules: clash.value('marked', 6) },
          ]),
          { projectDir: clashDir },
        ),
      );

      expect(problems).toEqual([
        {
          message: 'Lid (left/Lid.scad) is asked for twice, each time writing outputs/Lid.stl',
          location: { file: join(clashDir, 'left', 'Lid.scad'), line: 2, column: 14, length: 18 },
          hint: 'ask for it in one entry only, e.g. exclude its file from the other',
        },
      ]);
    });

    /** The problems of lid of box.scad in a matrix of these labels. */
    const labelMatrixProblems = (labels: string[]) =>
      problemsOf(
        planProject(
          {
            file: modulesConfig,
            defaults: {},
            files: [
              {
                path: value('box.scad', 3),
                exclude: [],
                modules: [{ name: value('lid', 5), matrix: { label: value(labels, 6) } }],
              },
            ],
          },
          { projectDir: modulesDir },
        ),
      );

    it('says that matrix values which become one name collide, and how to keep them apart', async () => {
      const problems = await labelMatrixProblems(['a b', 'a-b', 'a_b', 'a+b']);

      expect(problems).toEqual([
        {
          message:
            'lid-labela_b (box.scad) is made by 3 parts whose values become one name: label = "a b", "a_b", "a+b"; each would write outputs/lid-labela_b.stl',
          location: at(5),
          hint: 'give values that differ in letters, digits, ".", "-" or "_", or an output template that keeps them apart, e.g. output: "{module}-{param.label}.{format}"',
        },
      ]);
    });

    it('offers no output template when it would make the values one name as well', async () => {
      const problems = await labelMatrixProblems(['a/b', 'a\\b']);

      expect(problems).toEqual([
        expect.objectContaining({
          hint: 'give values that differ in letters, digits, ".", "-" or "_"',
        }),
      ]);
    });

    it('reports the same part asked for twice with different formats, since its id would repeat', async () => {
      const problems = await problemsOf(
        planProject(
          clashConfigOf([
            {
              path: clash.value('left/Lid.scad', 3),
              exclude: [],
              modules: [{ name: clash.value('Lid', 4) }],
            },
            {
              path: clash.value('left/Lid.scad', 5),
              exclude: [],
              modules: [{ name: clash.value('Lid', 6), formats: clash.value(['off'], 7) }],
            },
          ]),
          { projectDir: clashDir },
        ),
      );

      expect(problems).toEqual([
        {
          message: 'Lid (left/Lid.scad) is asked for again with the same settings as on line 4',
          location: clash.at(6),
          hint: 'ask for it once, with all of its formats',
        },
      ]);
    });
  });

  describe('dimensions', () => {
    it('reports markers asking one module for 3D and 2D formats', async () => {
      const problems = await problemsOf(
        planProject(
          clashConfigOf([
            {
              path: clash.value('right/lid.scad', 3),
              exclude: [],
              modules: clash.value('marked', 4),
            },
          ]),
          { projectDir: clashDir },
        ),
      );

      expect(problems).toEqual([
        {
          message:
            'stl (3D) and svg (2D) cannot all be exported from one model, which is either 3D or 2D',
          location: { file: join(clashDir, 'right', 'lid.scad'), line: 5, column: 22, length: 18 },
          hint: 'make the 2D drawing its own part (a module with projection(), say), with the 2D formats',
        },
      ]);
    });

    it('reports config formats of both dimensions once, at the formats', async () => {
      const problems = await problemsOf(
        planProject(boxConfig({ formats: value(['stl', 'off', 'svg', 'echo'], 4, 14) }), {
          projectDir: modulesDir,
        }),
      );

      expect(problems).toEqual([
        {
          message:
            'stl, off (3D) and svg (2D) cannot all be exported from one model, which is either 3D or 2D',
          location: at(4, 14),
          hint: 'make the 2D drawing its own part (a module with projection(), say), with the 2D formats',
        },
      ]);
    });

    it('reports unknown formats with a guess', async () => {
      const problems = await problemsOf(
        planProject(boxConfig({ formats: value(['stll'], 4, 14) }), { projectDir: modulesDir }),
      );

      expect(problems).toEqual([
        { message: 'unknown export format "stll"', location: at(4, 14), hint: 'did you mean stl?' },
      ]);
    });

    it('reports formats of the other dimension than the part last rendered as', async () => {
      const problems = await problemsOf(
        planProject(
          {
            file: modulesConfig,
            defaults: {},
            files: [
              {
                path: value('box.scad', 3),
                exclude: [],
                modules: [
                  { name: value('outline', 5), formats: value(['stl', 'csg'], 6, 14) },
                  { name: value('lid', 7), formats: value(['svg'], 8, 14) },
                ],
              },
            ],
          },
          {
            projectDir: modulesDir,
            dimensionOf: (id) => (id.includes('#outline#') ? '2d' : '3d'),
          },
        ),
      );

      expect(problems).toEqual([
        {
          message: 'outline rendered as a 2D model last time, so it cannot be exported to stl (3D)',
          location: at(6, 14),
          hint: 'export it to dxf, svg or pdf, or change the model',
        },
        {
          message: 'lid rendered as a 3D model last time, so it cannot be exported to svg (2D)',
          location: at(8, 14),
          hint: 'export it to stl, off, amf, 3mf, wrl or obj, or change the model',
        },
      ]);
    });
  });
});
