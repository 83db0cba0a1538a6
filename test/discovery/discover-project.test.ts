import { cp, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { discoverProject } from '../../src/discovery/discover-project.js';
import { ConfigError, ParascadError } from '../../src/errors.js';
import type { ConfigProblem } from '../../src/errors.js';

const projects = fileURLToPath(new URL('../fixtures/projects/', import.meta.url));
const fixture = (...parts: string[]): string => path.join(projects, ...parts);

/** What `discoverProject` threw; fails the test when it returned. */
async function thrownBy(discovery: Promise<unknown>): Promise<unknown> {
  return discovery.then(
    () => expect.fail('discoverProject returned instead of throwing'),
    (error: unknown) => error,
  );
}

async function problemsOf(discovery: Promise<unknown>): Promise<readonly ConfigProblem[]> {
  const error = await thrownBy(discovery);
  expect(error).toBeInstanceOf(ConfigError);
  return (error as ConfigError).problems;
}

describe('discoverProject', () => {
  describe('auto mode', () => {
    it('renders the marked modules of project.scad in the current folder', async () => {
      const cwd = fixture('classic-gearbox');

      const project = await discoverProject({ cwd });

      expect(project).toMatchObject({
        kind: 'annotations',
        scadFile: path.join(cwd, 'project.scad'),
        quality: 60,
        threads: 4,
        warnings: [],
      });
      expect(project).not.toHaveProperty('configFile');
      expect(project).not.toHaveProperty('openscadPath');
      expect(project.models.map((model) => [model.module, model.formats])).toEqual([
        ['pinion_12', ['stl']],
        ['gear_36', ['stl', 'off']],
        ['gasket', ['dxf']],
        ['helical_gear', ['stl']],
        ['shaft', ['stl']],
        ['bracket', ['3mf', 'stl']],
        ['spacer', ['stl']],
        ['titled', ['svg']],
      ]);
    });

    it('renders a scad file named relative to the current folder', async () => {
      const project = await discoverProject({
        cwd: projects,
        file: 'classic-warnings/project.scad',
      });

      expect(project.kind).toBe('annotations');
      expect(project.scadFile).toBe(fixture('classic-warnings', 'project.scad'));
    });

    it('passes ignored comments on as warnings', async () => {
      const scadFile = fixture('classic-warnings', 'project.scad');

      const project = await discoverProject({ cwd: projects, file: scadFile });

      expect(project.models.map((model) => model.module)).toEqual(['plate']);
      expect(project.warnings).toEqual([
        {
          message: 'unknown setting //render.qualty is ignored',
          location: { file: scadFile, line: 1, column: 1, length: 15 },
          hint: 'did you mean //render.quality?',
        },
      ]);
      expect(project).not.toHaveProperty('quality');
    });

    it('throws every problem of the //render comments together, with the warnings found', async () => {
      const error = await thrownBy(discoverProject({ cwd: fixture('classic-mistakes') }));
      expect(error).toBeInstanceOf(ConfigError);
      const { problems, warnings } = error as ConfigError;

      expect(warnings.map((warning) => [warning.location?.line, warning.message])).toEqual([
        [1, 'unknown setting //render.qualty is ignored'],
        [
          3,
          '//render.quality is set on line 2 and again on line 3; the value on line 3 (80) is used',
        ],
        [5, 'unknown setting //render.stl is ignored'],
        [6, '//render.model names no export format and is ignored'],
        [11, '//render.model.stl is not in a module header and is ignored'],
      ]);

      expect(problems.map((problem) => [problem.location?.line, problem.message])).toEqual([
        [4, '//render.number_of_threads must be a positive integer, got "four"'],
        [8, 'unknown export format "stll"'],
        [
          14,
          'module inner (project.scad:14) is declared inside a block, so it cannot be rendered on its own',
        ],
      ]);
    });

    it('says how to start, naming every project form, when the folder has none', async () => {
      const cwd = fixture('classic-empty');

      const error = await thrownBy(discoverProject({ cwd }));

      expect(error).toBeInstanceOf(ParascadError);
      expect(error).toMatchObject({
        code: 'SCAD_FILE_NOT_FOUND',
        message: `Nothing to render in ${cwd}: no parascad.config.yaml, render_config.yml, renderer.py with a models list, or project.scad`,
        hint: 'Pass the scad file to render (parascad part.scad, or -f part.scad), mark its modules with //render.model.stl, or list them in parascad.config.yaml (see the README).',
      });
    });

    it('names the missing file when the scad file given does not exist', async () => {
      const error = await thrownBy(
        discoverProject({ cwd: projects, file: 'classic-empty/part.scad' }),
      );

      expect(error).toMatchObject({
        code: 'SCAD_FILE_NOT_FOUND',
        message: `Scad file not found: ${fixture('classic-empty', 'part.scad')}`,
        hint: 'Check the path, or pass a folder that holds project.scad or render_config.yml.',
      });
    });

    it('shows the marker syntax when no module is marked', async () => {
      const cwd = fixture('classic-no-markers');

      const error = await thrownBy(discoverProject({ cwd }));

      expect(error).toBeInstanceOf(ParascadError);
      expect(error).toMatchObject({
        code: 'NOTHING_TO_RENDER',
        message: `No module in ${path.join(cwd, 'project.scad')} is marked for rendering`,
        hint: 'Mark each module to render in its header, e.g. "module bracket() //render.model.stl", or list the modules in render_config.yml.',
      });
    });

    it('points at an ignored marker when it is why nothing is marked', async () => {
      const error = await thrownBy(discoverProject({ cwd: fixture('classic-misplaced-marker') }));

      expect(error).toMatchObject({
        code: 'NOTHING_TO_RENDER',
        hint: 'project.scad:2:12: //render.model.stl is not in a module header and is ignored (put the marker after "module NAME(…)" and before the "{" that opens the module\'s body)',
      });
    });
  });

  describe('config mode', () => {
    it('prefers render_config.yml to project.scad and merges the entries of a module', async () => {
      const cwd = fixture('classic-config');
      const configFile = path.join(cwd, 'render_config.yml');
      const kit = path.join(cwd, 'parts', 'kit.scad');

      const project = await discoverProject({ cwd });

      expect(project).toEqual({
        kind: 'render-config',
        scadFile: kit,
        configFile,
        models: [
          {
            module: 'pinion_12',
            formats: ['stl'],
            declaredAt: { file: kit, line: 3, column: 1 },
            requestedAt: { file: configFile, line: 6, column: 5, length: 17 },
          },
          {
            module: 'gasket',
            formats: ['dxf', 'svg'],
            declaredAt: { file: kit, line: 4, column: 1 },
            requestedAt: { file: configFile, line: 8, column: 5, length: 14 },
          },
          // The config's stl, not the off of its marker.
          {
            module: 'housing',
            formats: ['stl'],
            declaredAt: { file: kit, line: 5, column: 1 },
            requestedAt: { file: configFile, line: 12, column: 5, length: 15 },
          },
        ],
        // The config's quality wins over //render.quality; //render.number_of_threads fills in threads.
        quality: 95,
        qualityFrom: 'config',
        threads: 3,
        openscadPath: fixture('tools', 'openscad'),
        warnings: [],
      });
    });

    it('finds render_config.yaml and keeps an openscad_path without a slash as a command name', async () => {
      const project = await discoverProject({ cwd: fixture('classic-config-yaml') });

      expect(project).toMatchObject({
        kind: 'render-config',
        configFile: fixture('classic-config-yaml', 'render_config.yaml'),
        quality: 40,
        threads: 2,
        openscadPath: 'openscad',
      });
    });

    it('looks inside a folder given as the file', async () => {
      const project = await discoverProject({ cwd: projects, file: 'classic-config' });

      expect(project.configFile).toBe(fixture('classic-config', 'render_config.yml'));
    });

    it('reads a config file of any name given as the file or as the config', async () => {
      const configFile = fixture('classic-config-named', 'parts.yml');

      const asFile = await discoverProject({
        cwd: projects,
        file: 'classic-config-named/parts.yml',
      });
      const asConfig = await discoverProject({
        cwd: fixture('classic-gearbox'),
        config: configFile,
      });

      for (const project of [asFile, asConfig]) {
        expect(project).toMatchObject({
          kind: 'render-config',
          configFile,
          scadFile: fixture('classic-config-named', 'project.scad'),
        });
        expect(project.models.map((model) => [model.module, model.formats])).toEqual([
          ['plate', ['stl']],
        ]);
      }
    });

    it('uses the config over the file when both are given', async () => {
      const project = await discoverProject({
        cwd: projects,
        file: 'classic-gearbox/project.scad',
        config: 'classic-config-named/parts.yml',
      });

      expect(project.configFile).toBe(fixture('classic-config-named', 'parts.yml'));
    });

    it('renders the marked modules when the config lists none', async () => {
      const project = await discoverProject({ cwd: fixture('classic-config-no-models') });

      expect(project).toMatchObject({ kind: 'render-config', threads: 2 });
      expect(project.models.map((model) => [model.module, model.formats])).toEqual([
        ['plate', ['stl', 'off']],
      ]);
    });

    it('reports a scad_file that does not exist at its value', async () => {
      const configFile = fixture('classic-config-missing-scad', 'render_config.yml');

      expect(
        await problemsOf(discoverProject({ cwd: fixture('classic-config-missing-scad') })),
      ).toEqual([
        {
          message: 'scad_file "missing.scad" does not exist',
          location: { file: configFile, line: 1, column: 12, length: 12 },
          hint: `it is looked up from ${fixture('classic-config-missing-scad')}`,
        },
      ]);
    });

    it('renders project.scad, or the -f file, for a config without scad_file and no gateway beside it', async () => {
      const folder = fixture('classic-config-later');
      const later = await discoverProject({ cwd: folder });
      expect(later).toMatchObject({
        kind: 'render-config',
        scadFile: path.join(folder, 'project.scad'),
      });
      expect(later.models.map((model) => [model.module, model.formats])).toEqual([
        ['lid', ['stl']],
        ['tray', ['off']],
      ]);

      const named = await discoverProject({
        cwd: folder,
        unnamedScadFile: path.join(folder, 'variant.scad'),
      });
      expect(named.scadFile).toBe(path.join(folder, 'variant.scad'));
      // The first generation's gateway, when there is one, wins: the config then is its config.
      const gateway = await discoverProject({
        cwd: fixture('classic-config-older'),
        unnamedScadFile: path.join(folder, 'variant.scad'),
      });
      expect(gateway.scadFile).toBe(fixture('classic-config-older', 'renderer.scad'));
    });

    it('says what a config without scad_file renders when that file is missing too', async () => {
      const folder = fixture('classic-config-no-scad-file');
      expect(await problemsOf(discoverProject({ cwd: folder }))).toEqual([
        {
          message:
            'render_config.yml names no scad_file, and project.scad (the file it then renders) does not exist',
          location: { file: path.join(folder, 'render_config.yml'), line: 1, column: 1, length: 7 },
          hint: 'add scad_file: NAME.scad to render_config.yml; without it, the first generation renders its gateway renderer.scad and the later one project.scad (or -f FILE)',
        },
      ]);
    });

    it("reports unknown and nested modules with the scad file's own problems", async () => {
      const cwd = fixture('classic-config-unknown-module');
      const configFile = path.join(cwd, 'render_config.yml');

      expect(await problemsOf(discoverProject({ cwd }))).toEqual([
        {
          message: 'module "pinon_12" is not declared in project.scad',
          location: { file: configFile, line: 3, column: 13, length: 8 },
          hint: 'did you mean pinion_12?',
        },
        {
          message:
            'module inner (project.scad:4) is declared inside a block, so it cannot be rendered on its own',
          location: { file: configFile, line: 4, column: 13, length: 5 },
          hint: 'move "module inner" to the top level of project.scad',
        },
        {
          message: 'module "widget" is not declared in project.scad',
          location: { file: configFile, line: 5, column: 13, length: 6 },
          hint: 'modules declared there: pinion_12, outer',
        },
        {
          message: '//render.quality must be a positive integer, got "zero"',
          location: { file: path.join(cwd, 'project.scad'), line: 1, column: 18, length: 4 },
        },
      ]);
    });

    it("reports renderer.py's unreadable entries and its unknown modules together", async () => {
      const cwd = await mkdtemp(path.join(tmpdir(), 'parascad-discover-'));
      await cp(fixture('classic-gateway'), cwd, { recursive: true });
      await writeFile(
        path.join(cwd, 'renderer.py'),
        'models = [\n  {"module": "dsic", "suffix": "stl"},\n  {"module": "plate", "suffix": "dxff"},\n]\n',
      );

      const problems = await problemsOf(discoverProject({ cwd }));

      expect(problems.map((problem) => [problem.location?.line, problem.message])).toEqual([
        [2, 'module "dsic" is not declared in renderer.scad'],
        [3, 'unknown export format "dxff"'],
      ]);
    });

    it("throws the config file's own problems before looking at the scad file", async () => {
      const problems = await problemsOf(
        discoverProject({ cwd: fixture('classic-config-wrong-types') }),
      );

      expect(problems).toHaveLength(7);
    });

    it('refuses a config file that does not exist', async () => {
      const error = await thrownBy(
        discoverProject({ cwd: projects, config: 'classic-empty/render_config.yml' }),
      );

      expect(error).toBeInstanceOf(ParascadError);
      expect(error).toMatchObject({
        code: 'CONFIG_INVALID',
        message: `Config file ${fixture('classic-empty', 'render_config.yml')} does not exist`,
      });
    });
  });
});
