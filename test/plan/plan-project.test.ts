import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FileEntry, ProjectConfig } from '../../src/config/project-config.js';
import { ParascadError } from '../../src/errors.js';
import type { ConfigProblem } from '../../src/errors.js';
import { planProject } from '../../src/plan/plan-project.js';
import type { RenderJob } from '../../src/plan/render-job.js';
import { configValues } from './config-values.js';
import { fixture } from './fixture-path.js';
import { problemsOf } from './plan-outcome.js';

const projectDir = fixture('config-files');
const configFile = join(projectDir, 'parascad.config.yaml');
const { at, value } = configValues(configFile);
const parts = (name: string): string => join(projectDir, 'parts', name);

function config(files: FileEntry[], extra: Partial<ProjectConfig> = {}): ProjectConfig {
  return { file: configFile, defaults: {}, files, ...extra };
}

const markedParts: FileEntry = {
  path: value('parts/**/*.scad', 3, 11, 15),
  exclude: [value('parts/old/**', 4, 16, 12)],
  modules: value('marked', 5, 14, 6),
};

/** The fields that tell parts apart, for compact expectations. */
function summary(job: RenderJob): unknown {
  return {
    name: job.name,
    file: job.scadFile.slice(projectDir.length + 1),
    module: job.module,
    mode: job.mode,
    quality: job.quality,
    outputs: job.outputs.map((output) => output.path.slice(projectDir.length + 1)),
  };
}

describe('planProject', () => {
  describe('files and globs', () => {
    it('plans the marked modules of every matched scad file, in path order, without the excluded ones', async () => {
      const jobs = await planProject(config([markedParts]), { projectDir });

      expect(jobs.map(summary)).toEqual([
        {
          name: 'bracket',
          file: 'parts/bracket.scad',
          module: 'bracket',
          mode: 'include',
          quality: { $fn: 48 },
          outputs: ['outputs/bracket.stl', 'outputs/bracket.3mf'],
        },
        {
          name: 'bracket_outline',
          file: 'parts/bracket.scad',
          module: 'bracket_outline',
          mode: 'include',
          quality: { $fn: 48 },
          outputs: ['outputs/bracket_outline.dxf'],
        },
        {
          name: 'hinge',
          file: 'parts/hinge.scad',
          module: 'hinge',
          mode: 'use',
          // A parascad.config.yaml project gets only what it sets: no classic default.
          quality: {},
          outputs: ['outputs/hinge.stl'],
        },
        {
          name: 'washer',
          file: 'parts/washer.scad',
          module: undefined,
          mode: 'include',
          quality: {},
          outputs: ['outputs/washer.stl'],
        },
      ]);
    });

    it('places marked parts at their declaration and marker, and whole files at line 1 and the entry', async () => {
      const jobs = await planProject(config([markedParts]), { projectDir });
      const [bracket] = jobs;
      const washer = jobs.at(-1);

      expect(bracket?.declaredAt).toEqual({ file: parts('bracket.scad'), line: 10, column: 1 });
      expect(bracket?.requestedAt).toEqual({
        file: parts('bracket.scad'),
        line: 10,
        column: 18,
        length: 18,
      });
      expect(washer?.declaredAt).toEqual({ file: parts('washer.scad'), line: 1, column: 1 });
      expect(washer?.requestedAt).toEqual(at(3, 11, 15));
    });

    it('gives ids relative to the project folder, with the module and a digest of the settings', async () => {
      const jobs = await planProject(config([markedParts]), { projectDir });

      expect(jobs.map((job) => job.id)).toEqual([
        expect.stringMatching(/^parts\/bracket\.scad#bracket#[0-9a-f]{10}$/),
        expect.stringMatching(/^parts\/bracket\.scad#bracket_outline#[0-9a-f]{10}$/),
        expect.stringMatching(/^parts\/hinge\.scad#hinge#[0-9a-f]{10}$/),
        expect.stringMatching(/^parts\/washer\.scad##[0-9a-f]{10}$/),
      ]);
    });

    it('takes a plain path literally and a folder as everything under it', async () => {
      const jobs = await planProject(
        config([
          { path: value('stand.scad', 3), exclude: [], modules: value('whole', 4) },
          { path: value('parts/old', 5), exclude: [], modules: value('marked', 6) },
        ]),
        { projectDir },
      );

      expect(jobs.map((job) => [job.name, job.scadFile])).toEqual([
        ['stand', join(projectDir, 'stand.scad')],
        ['legacy', parts('old/legacy.scad')],
      ]);
    });

    it('reports a pattern that matches no file, only other files, or only excluded files', async () => {
      const problems = await problemsOf(
        planProject(
          config([
            {
              path: value('nothing/**/*.scad', 3, 11, 17),
              exclude: [],
              modules: value('marked', 4),
            },
            { path: value('parts/*.txt', 5, 11, 11), exclude: [], modules: value('marked', 6) },
            {
              path: value('parts/old/*.scad', 7, 11, 16),
              exclude: [value('**/legacy.scad', 8, 16)],
              modules: value('marked', 9),
            },
          ]),
          { projectDir },
        ),
      );

      expect(problems).toEqual([
        {
          message: 'no file matches nothing/**/*.scad',
          location: at(3, 11, 17),
          hint: `paths and globs are looked up from ${projectDir}`,
        },
        {
          message: 'no .scad file matches parts/*.txt',
          location: at(5, 11, 11),
          hint: 'it matches only parts/README.txt',
        },
        {
          message: 'every file that parts/old/*.scad matches is excluded',
          location: at(7, 11, 16),
          hint: 'exclude: **/legacy.scad leaves none of 1 .scad file',
        },
      ]);
    });

    it('adds the parts of a file again when a later entry matches it too', async () => {
      const jobs = await planProject(
        config([
          { path: value('parts/hinge.scad', 3), exclude: [], modules: value('marked', 4) },
          {
            path: value('parts/h*.scad', 5),
            exclude: [],
            modules: value('marked', 6),
            formats: value(['off'], 7),
            quality: value({ $fn: 12 }, 8),
          },
        ]),
        { projectDir },
      );

      expect(jobs.map(summary)).toEqual([
        expect.objectContaining({ name: 'hinge', outputs: ['outputs/hinge.stl'] }),
        expect.objectContaining({ name: 'hinge', outputs: ['outputs/hinge.off'] }),
      ]);
    });

    it('says there is nothing to render when the entries ask for no part', async () => {
      const planning = planProject(
        config([{ path: value('stand.scad', 3), exclude: [], modules: [] }]),
        { projectDir },
      );

      await expect(planning).rejects.toThrow(ParascadError);
      await expect(planning).rejects.toMatchObject({ code: 'NOTHING_TO_RENDER' });
    });
  });

  describe('modules', () => {
    it('lets the entry’s formats win over the markers, but not the config’s defaults', async () => {
      const jobs = await planProject(
        config(
          [
            {
              path: value('parts/bracket.scad', 3),
              exclude: [],
              modules: value('marked', 4),
              formats: value(['off', 'AMF', 'off'], 5),
            },
            { path: value('parts/hinge.scad', 6), exclude: [], modules: value('marked', 7) },
          ],
          { defaults: { formats: value(['obj'], 2) } },
        ),
        { projectDir },
      );

      expect(jobs.map((job) => [job.name, job.outputs.map((output) => output.format)])).toEqual([
        ['bracket', ['off', 'amf']],
        ['bracket_outline', ['off', 'amf']],
        ['hinge', ['stl']],
      ]);
    });

    it('renders a whole file as one part named after it, in the defaults’ formats', async () => {
      const [stand] = await planProject(
        config([{ path: value('stand.scad', 3), exclude: [], modules: value('whole', 4) }], {
          defaults: { formats: value(['off'], 2) },
        }),
        { projectDir },
      );

      expect(stand).toEqual({
        id: expect.stringMatching(/^stand\.scad##/) as unknown,
        name: 'stand',
        scadFile: join(projectDir, 'stand.scad'),
        mode: 'include',
        variables: {},
        quality: {},
        qualityFrom: { kind: 'file' },
        outputs: [{ format: 'off', path: join(projectDir, 'outputs', 'stand.off') }],
        declaredAt: { file: join(projectDir, 'stand.scad'), line: 1, column: 1 },
        requestedAt: at(3),
      });
    });

    it('refuses a mode for whole files, which are rendered as they are', async () => {
      const problems = await problemsOf(
        planProject(
          config([
            {
              path: value('stand.scad', 3),
              exclude: [],
              modules: value('whole', 4),
              mode: value('use', 5, 11, 3),
            },
          ]),
          { projectDir },
        ),
      );

      expect(problems).toEqual([
        {
          message: 'mode does not apply to modules: whole, which renders the file as it is',
          location: at(5, 11, 3),
          hint: 'remove mode, or list the modules to render',
        },
      ]);
    });

    it('plans listed modules in use mode, declared where the file declares them', async () => {
      const [stand, foot] = await planProject(
        config([
          {
            path: value('stand.scad', 3),
            exclude: [],
            modules: [{ name: value('stand', 5, 15) }, { name: value('foot', 6, 15) }],
          },
        ]),
        { projectDir },
      );

      expect([stand, foot].map((job) => job && summary(job))).toEqual([
        {
          name: 'stand',
          file: 'stand.scad',
          module: 'stand',
          mode: 'use',
          quality: {},
          outputs: ['outputs/stand.stl'],
        },
        {
          name: 'foot',
          file: 'stand.scad',
          module: 'foot',
          mode: 'use',
          quality: {},
          outputs: ['outputs/foot.stl'],
        },
      ]);
      expect(foot?.declaredAt).toEqual({
        file: join(projectDir, 'stand.scad'),
        line: 3,
        column: 1,
      });
      expect(foot?.requestedAt).toEqual(at(6, 15));
    });

    it('reports listed modules the file does not declare at its top level', async () => {
      const problems = await problemsOf(
        planProject(
          config([
            {
              path: value('stand.scad', 3),
              exclude: [],
              modules: [
                { name: value('hidden', 5, 15, 6) },
                { name: value('stnad', 6, 15, 5) },
                { name: value('gear', 7, 15, 4) },
              ],
            },
          ]),
          { projectDir },
        ),
      );

      expect(problems).toEqual<ConfigProblem[]>([
        {
          message:
            'module hidden (stand.scad:6) is declared inside a block, so it cannot be rendered on its own',
          location: at(5, 15, 6),
          hint: 'move "module hidden" to the top level of stand.scad',
        },
        {
          message: 'module "stnad" is not declared in stand.scad',
          location: at(6, 15, 5),
          hint: 'did you mean stand?',
        },
        {
          message: 'module "gear" is not declared in stand.scad',
          location: at(7, 15, 4),
          hint: 'modules declared there: stand, foot, assembly',
        },
      ]);
    });

    it('reports a module for each matched file that lacks it', async () => {
      const problems = await problemsOf(
        planProject(
          config([
            {
              path: value('parts/[hw]*.scad', 3),
              exclude: [],
              modules: [{ name: value('hinge', 4) }],
            },
          ]),
          { projectDir },
        ),
      );

      expect(problems).toEqual([
        {
          message: 'module "hinge" is not declared in washer.scad',
          location: at(4),
          hint: 'washer.scad declares no top-level modules',
        },
      ]);
    });
  });

  describe('settings', () => {
    it('takes each setting from the module entry, else the file entry, else the defaults', async () => {
      const jobs = await planProject(
        config(
          [
            {
              path: value('stand.scad', 10),
              exclude: [],
              formats: value(['off'], 11),
              engine: value('native', 12),
              modules: [
                {
                  name: value('stand', 14),
                  quality: value({ $fa: 6, $fs: 0.5 }, 15),
                  mode: value('include', 16),
                  timeoutSeconds: value(30, 17),
                },
                { name: value('foot', 18) },
              ],
            },
          ],
          {
            defaults: {
              quality: value({ $fn: 64 }, 2),
              engine: value('wasm', 3),
              backend: value('manifold', 4),
              timeoutSeconds: value(10, 5),
            },
          },
        ),
        { projectDir },
      );

      expect(
        jobs.map(({ name, mode, quality, engine, backend, timeoutSeconds, outputs }) => ({
          name,
          mode,
          quality,
          engine,
          backend,
          timeoutSeconds,
          formats: outputs.map((output) => output.format),
        })),
      ).toEqual([
        {
          name: 'stand',
          mode: 'include',
          quality: { $fa: 6, $fs: 0.5 },
          engine: 'native',
          backend: 'manifold',
          timeoutSeconds: 30,
          formats: ['off'],
        },
        {
          name: 'foot',
          mode: 'use',
          quality: { $fn: 64 },
          engine: 'native',
          backend: 'manifold',
          timeoutSeconds: 10,
          formats: ['off'],
        },
      ]);
    });

    it('lets a config quality win over //render.quality, and a set mode over the guard', async () => {
      const [bracket] = await planProject(
        config([
          {
            ...markedParts,
            path: value('parts/bracket.scad', 3),
            quality: value({ $fn: 12 }, 6),
            mode: value('use', 7),
          },
        ]),
        { projectDir },
      );

      expect(bracket).toMatchObject({ name: 'bracket', quality: { $fn: 12 }, mode: 'use' });
    });

    it('writes outputs to the config’s outDir, or to the folder the command line gives', async () => {
      const entries: FileEntry[] = [
        { path: value('parts/hinge.scad', 3), exclude: [], modules: value('marked', 4) },
      ];

      const [fromConfig] = await planProject(
        config(entries, { outDir: value('build/models', 2) }),
        {
          projectDir,
        },
      );
      const [fromCli] = await planProject(config(entries, { outDir: value('build/models', 2) }), {
        projectDir,
        outDir: '/tmp/elsewhere',
      });

      expect(fromConfig?.outputs[0]?.path).toBe(join(projectDir, 'build', 'models', 'hinge.stl'));
      expect(fromCli?.outputs[0]?.path).toBe('/tmp/elsewhere/hinge.stl');
    });

    it('reports the markers’ problems of marked files and passes their warnings on', async () => {
      const warnings: ConfigProblem[] = [];
      const problems = await problemsOf(
        planProject(
          config([
            {
              path: value('../classic-mistakes/*.scad', 3),
              exclude: [],
              modules: value('marked', 4),
            },
          ]),
          { projectDir, onWarning: (warning) => warnings.push(warning) },
        ),
      );

      expect(problems.map((problem) => problem.message)).toContain('unknown export format "stll"');
      expect(warnings.length).toBeGreaterThan(0);
    });
  });
});
