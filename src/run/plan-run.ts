import { access } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { findProjectConfig } from '../config/find-project-config.js';
import { loadProjectConfig } from '../config/load-project-config.js';
import type { ProjectConfig } from '../config/project-config.js';
import { parseByteSize } from '../schedule/memory-budget.js';
import type { ClassicProject } from '../discovery/classic-project.js';
import { discoverProject } from '../discovery/discover-project.js';
import { findLeakingGeometry } from '../discovery/find-leaking-geometry.js';
import { findLibraryPaths } from '../discovery/find-library-paths.js';
import { ParascadError, type ConfigProblem } from '../errors.js';
import { HistoryStore } from '../history/history-store.js';
import { leakingGeometryWarning } from '../plan/leaking-geometry-warning.js';
import { planFiles } from '../plan/plan-files.js';
import { planJobs } from '../plan/plan-jobs.js';
import { planProject } from '../plan/plan-project.js';
import type { RenderJob } from '../plan/render-job.js';
import type { CommandLineValues } from '../plan/part-request.js';
import { scadFileSelector, selectParts } from '../plan/select-parts.js';
import { defined } from '../util/defined.js';
import { classifyTargets, type Targets } from './classify-targets.js';
import type { ProjectCacheSettings } from './open-run-cache.js';
import { commandLineValues } from './command-line-values.js';
import type { RenderOptions } from './render-options.js';

/** The parts a run renders, and what the project says about running them. */
export interface RunPlan {
  /** The folder part identities and the render history are kept relative to. */
  readonly projectDir: string;
  readonly jobs: readonly RenderJob[];
  readonly warnings: readonly ConfigProblem[];
  /** The config file the parts came from, if any. */
  readonly configFile?: string;
  /** `openscad_path` of a classic config. */
  readonly openscadPath?: string;
  /** Workers the project asks for. */
  readonly threads?: number;
  /** The project config's `strict: true`. */
  readonly strict?: boolean;
  /** The project's recorded renders (times, memory, dimensions). */
  readonly history: HistoryStore;
  /** The project config's cache settings, if any. */
  readonly cache?: ProjectCacheSettings;
  /** The output folder every output is written below; nothing is written outside it. */
  readonly outDir?: string;
}

/**
 * Decides what a run renders, from the arguments and the files in the project folder:
 * - a `parascad.config.yaml` (or `.yml`/`.json`), given or found in the folder, with its files,
 *   parameters, sets and sweeps; scad files given beside it select its parts by file;
 * - otherwise scad files or globs given as arguments: their marked modules, or each file whole;
 * - otherwise the classic conventions: `render_config.yml`, or `project.scad`'s markers.
 * Part names (`lid*`) then select among the parts.
 */
export async function planRun(
  options: RenderOptions = {},
  cwd: string = resolve(options.cwd ?? process.cwd()),
): Promise<RunPlan> {
  const targets = await classifyTargets(
    [...(options.targets ?? []), ...(options.file === undefined ? [] : [options.file])],
    cwd,
  );
  const { plan, filesAreSelectors } = await planProjectParts(options, cwd, targets);
  const files = filesAreSelectors === true ? targets.files : [];
  if (targets.names.length === 0 && files.length === 0) return plan;
  return { ...plan, jobs: selectParts(plan.jobs, { names: targets.names, files }, cwd) };
}

async function planProjectParts(
  options: RenderOptions,
  cwd: string,
  targets: Targets,
): Promise<{ plan: RunPlan; filesAreSelectors?: boolean }> {
  const configFile = options.config ?? targets.config;
  const values = commandLineValues(options, cwd);
  if (configFile !== undefined && isClassicConfig(configFile)) {
    return {
      plan: await classicPlan(await discoverProject({ cwd, config: configFile }), cwd, options),
    };
  }
  const folder = resolve(cwd, targets.folder ?? '.');
  const projectConfig =
    configFile === undefined ? await findProjectConfig(folder) : resolve(cwd, configFile);
  if (projectConfig !== undefined) {
    const config = await loadProjectConfig(projectConfig);
    const projectDir = dirname(config.file);
    const history = await historyOf(projectDir);
    const warnings: ConfigProblem[] = [];
    const outDir =
      options.outDir === undefined
        ? resolve(projectDir, config.outDir?.value ?? 'outputs')
        : resolve(cwd, options.outDir);
    const jobs = await planProject(config, {
      projectDir,
      outDir,
      dimensionOf: (id) => history.dimensionOf(id),
      onWarning: (problem) => warnings.push(problem),
      ...defined({
        // -p/-P apply to the parts of the .scad files named beside the config, if any.
        commandLine: commandLineValues(
          options,
          cwd,
          targets.files.length === 0
            ? undefined
            : (scadFile) =>
                targets.files.some((selector) => scadFileSelector(selector, cwd)(scadFile)),
        ),
      }),
    });
    const ignored = await classicConfigBeside(projectDir);
    return {
      plan: {
        projectDir,
        outDir,
        jobs,
        history,
        configFile: config.file,
        warnings:
          ignored === undefined
            ? warnings
            : [
                ...warnings,
                { message: `${basename(ignored)} is ignored: ${basename(config.file)} is used` },
              ],
        ...defined({
          threads: config.jobs?.value,
          strict: config.strict?.value,
          cache: cacheSettings(config, projectDir),
        }),
      },
      filesAreSelectors: true,
    };
  }
  if (targets.files.length > 0) {
    const [only] = targets.files;
    const classicRoute = values?.paramsets === undefined;
    if (
      classicRoute &&
      targets.files.length === 1 &&
      only !== undefined &&
      !/[*?[\]{}]/.test(only)
    ) {
      // One marked file is the classic auto mode (its //render.quality and thread count apply);
      // a file without markers is rendered whole, like the files of a glob.
      const classic = await discoverProject({ cwd, file: only }).catch((error: unknown) => {
        if (error instanceof ParascadError && error.code === 'NOTHING_TO_RENDER') return undefined;
        throw error;
      });
      if (classic !== undefined) return { plan: await classicPlan(classic, cwd, options) };
    }
    const history = await historyOf(cwd);
    const warnings: ConfigProblem[] = [];
    const outDir = resolve(cwd, options.outDir ?? 'outputs');
    const jobs = await planFiles(targets.files, {
      cwd,
      projectDir: cwd,
      outDir,
      dimensionOf: (id) => history.dimensionOf(id),
      onWarning: (problem) => warnings.push(problem),
      ...defined({ commandLine: values }),
    });
    return { plan: { projectDir: cwd, outDir, jobs, warnings, history } };
  }
  return { plan: await classicPlan(await discoverProject({ cwd: folder }), cwd, options) };
}

/**
 * With `-p`/`-P`, a classic project's marked file is planned like a file given on the command
 * line (its marked modules, one part per set); a `render_config.yml` has no place for sets.
 */
async function classicWithSets(
  project: ClassicProject,
  cwd: string,
  options: RenderOptions,
  values: CommandLineValues,
): Promise<RunPlan> {
  if (project.kind === 'render-config') {
    throw new ParascadError(
      'USAGE',
      `-p/-P choose parameter sets for .scad files and parascad.config parts, not for ${basename(project.configFile ?? 'render_config.yml')}`,
      'name the .scad file to render (parascad render part.scad -P small), or list the sets under paramsets in a parascad.config.yaml',
    );
  }
  const projectDir = dirname(project.scadFile);
  const history = await historyOf(projectDir);
  const warnings: ConfigProblem[] = [...project.warnings];
  const outDir =
    options.outDir === undefined ? resolve(projectDir, 'outputs') : resolve(cwd, options.outDir);
  const jobs = await planFiles([project.scadFile], {
    cwd: projectDir,
    projectDir,
    outDir,
    dimensionOf: (id) => history.dimensionOf(id),
    onWarning: (problem) => warnings.push(problem),
    commandLine: values,
  });
  return { projectDir, outDir, jobs, warnings, history, ...defined({ threads: project.threads }) };
}

async function classicPlan(
  project: ClassicProject,
  cwd: string,
  options: RenderOptions,
): Promise<RunPlan> {
  const values = commandLineValues(options, cwd);
  if (values?.paramsets !== undefined) return classicWithSets(project, cwd, options, values);
  const projectDir = dirname(project.configFile ?? project.scadFile);
  const outDir =
    options.outDir === undefined ? resolve(projectDir, 'outputs') : resolve(cwd, options.outDir);
  const leak = await findLeakingGeometry(project.scadFile, { libraryPaths: findLibraryPaths() });
  return {
    projectDir,
    outDir,
    jobs: planJobs(project, {
      outDir,
      projectDir,
      mode: leak === undefined ? 'include' : 'use',
      variables: Object.fromEntries(
        (values?.defines ?? []).map((define) => [define.name, define.source]),
      ),
    }),
    warnings:
      leak === undefined
        ? project.warnings
        : [...project.warnings, leakingGeometryWarning(project.scadFile, leak)],
    history: await historyOf(projectDir),
    ...defined({
      configFile: project.configFile,
      openscadPath: project.openscadPath,
      threads: project.threads,
    }),
  };
}

function cacheSettings(
  config: ProjectConfig,
  projectDir: string,
): ProjectCacheSettings | undefined {
  if (config.cache === undefined) return undefined;
  const { dir, maxSize } = config.cache;
  const maxSizeBytes = typeof maxSize === 'string' ? parseByteSize(maxSize) : maxSize;
  return defined({
    dir: dir === undefined ? undefined : resolve(projectDir, dir),
    maxSizeBytes,
  });
}

function historyOf(projectDir: string): Promise<HistoryStore> {
  return HistoryStore.load(HistoryStore.fileFor(projectDir));
}

function isClassicConfig(file: string): boolean {
  return /^render_config\.ya?ml$/i.test(basename(file));
}

async function classicConfigBeside(folder: string): Promise<string | undefined> {
  for (const name of ['render_config.yml', 'render_config.yaml']) {
    const file = join(folder, name);
    if (
      await access(file).then(
        () => true,
        () => false,
      )
    )
      return file;
  }
  return undefined;
}
