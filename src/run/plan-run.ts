import { basename, dirname, join, relative, resolve } from 'node:path';
import { findProjectConfig } from '../config/find-project-config.js';
import { keepWarningsWithErrors } from '../config/keep-warnings-with-errors.js';
import { readProjectConfig } from '../config/read-project-config.js';
import { reportProblemsTogether } from '../config/report-problems-together.js';
import type { ProjectConfig } from '../config/project-config.js';
import { parseByteSize } from '../schedule/memory-budget.js';
import type { ClassicProject } from '../discovery/classic-project.js';
import {
  discoverProject,
  findClassicSource,
  rendererScript,
} from '../discovery/discover-project.js';
import { findLeakingGeometry } from '../discovery/find-leaking-geometry.js';
import { findLibraryPaths } from '../discovery/find-library-paths.js';
import { SourceFiles } from '../discovery/source-files.js';
import { ConfigError, ParascadError, type ConfigProblem } from '../errors.js';
import { HistoryStore } from '../history/history-store.js';
import { caseClashWarnings } from '../plan/case-clash-warnings.js';
import { explainQuality } from '../plan/explain-quality.js';
import { leakingGeometryWarning } from '../plan/leaking-geometry-warning.js';
import { partId } from '../plan/part-id.js';
import { planFiles } from '../plan/plan-files.js';
import { planJobs } from '../plan/plan-jobs.js';
import { planProject } from '../plan/plan-project.js';
import type { CommandLineValues } from '../plan/part-request.js';
import type { RenderJob } from '../plan/render-job.js';
import { defined } from '../util/defined.js';
import { classifyTargets, globCharacters, type Targets } from './classify-targets.js';
import type { ProjectCacheSettings } from './open-run-cache.js';
import { commandLineValues } from './command-line-values.js';
import { checkRenderOptions, type RenderOptions } from './render-options.js';
import { missingArgumentsWarnings } from '../plan/missing-arguments-warnings.js';
import { unusedParameterSetsWarning } from '../plan/unused-parameter-sets.js';

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
  /** Set when part names picked some of the parts: the others are not gone, only left out. */
  readonly pickedByName?: boolean;
  /**
   * Every part of the project, when `jobs` are some of them (a `watch` round renders only the
   * parts a change reaches): what changed since the last run finds gone parts among these.
   * @default jobs
   */
  readonly allJobs?: readonly RenderJob[];
  /**
   * Where the parts come from, in words (`render_config.yml`, `the markers of project.scad`, …),
   * for the first line of a run; undefined for plans built by other tools.
   */
  readonly source?: string;
}

/**
 * Decides what a run renders, from the arguments and the files in the project folder, by one
 * precedence for every command: a config given (`-c FILE`, or as a target), then the folder's
 * `parascad.config.yaml` (or `.yml`/`.json`), then its `render_config.yml`, then a classic
 * `renderer.py` with a non-empty `models` list, then the `//render.model.*` markers (of the scad
 * files given, else of `project.scad`). A scad file given that the chosen source covers selects
 * its parts; one it does not cover is rendered from its own markers (or whole). Part names
 * (`lid*`) then select among the parts. `--quality N` then sets every part's `$fn`. `-D`, `-p`
 * and `-P` give the parts' values (see `commandLineValues`).
 */
export async function planRun(
  options: RenderOptions = {},
  cwd: string = resolve(options.cwd ?? process.cwd()),
): Promise<RunPlan> {
  checkRenderOptions(options);
  const targets = await classifyTargets(
    [...(options.targets ?? []), ...(options.file === undefined ? [] : [options.file])],
    cwd,
  );
  const pass: PlanPass = { ...options, sources: new SourceFiles() };
  const source = await planSource(pass, cwd, targets);
  let plan = source;
  if (source.coversFiles && targets.files.length > 0) {
    const { fileTest, selectParts } = await import('../plan/select-parts.js');
    const covered = targets.files.filter((file) => source.jobs.some(fileTest(file, cwd)));
    const uncovered = targets.files.filter((file) => !covered.includes(file));
    // Parts of the files outside the source write below the same output folder.
    const own =
      uncovered.length === 0
        ? undefined
        : await markerPlan(uncovered, { ...pass, outDir: source.outDir }, cwd);
    const selected = covered.length === 0 ? [] : selectParts(source.jobs, { files: covered }, cwd);
    plan = {
      ...source,
      jobs: [...selected, ...(own?.jobs ?? [])],
      warnings: [...source.warnings, ...(own?.warnings ?? [])],
      source:
        own === undefined
          ? source.source
          : covered.length === 0
            ? own.source
            : `${source.source}; ${own.source}`,
    };
  }
  if (targets.names.length > 0) {
    const { selectParts } = await import('../plan/select-parts.js');
    plan = {
      ...plan,
      jobs: selectParts(plan.jobs, { names: targets.names }, cwd),
      pickedByName: true,
    };
  }
  return withQuality(plan, pass);
}

/**
 * The run's options within one planning pass, with the pass's sources: each scad file is read
 * and lexed once, whichever phases look at it, and forgotten with the pass.
 */
type PlanPass = RenderOptions & { readonly sources: SourceFiles };

type SourcePlan = RunPlan & { readonly source: string; readonly coversFiles: boolean };

async function planSource(options: PlanPass, cwd: string, targets: Targets): Promise<SourcePlan> {
  const configFile = options.config ?? targets.config;
  const folder = configFile === undefined ? await sourceFolder(cwd, targets) : cwd;
  if (options.from === 'markers' && configFile === undefined) {
    if (targets.files.length > 0) {
      return { ...(await markerPlan(targets.files, options, cwd)), coversFiles: false };
    }
    const project = await discoverProject({ cwd, file: join(folder, 'project.scad') });
    return { ...(await classicPlan(project, cwd, options)), coversFiles: false };
  }
  if (options.from === 'render_config' && configFile === undefined) {
    const found = await findClassicSource(folder);
    if (found === undefined || basename(found) === rendererScript) {
      throw new ParascadError(
        'CONFIG_INVALID',
        `--auto= reads render_config.yml, and ${folder} has none`,
        'Create render_config.yml, or leave --auto out to use what the folder has.',
      );
    }
    const project = await discoverProject({ cwd, config: found, ...unnamedScadFile(targets, cwd) });
    return { ...(await classicPlan(project, cwd, options)), coversFiles: true };
  }
  if (configFile !== undefined && isClassicFile(configFile)) {
    const project = await discoverProject({ cwd, config: configFile });
    return { ...(await classicPlan(project, cwd, options)), coversFiles: true };
  }
  const projectConfig =
    configFile === undefined ? await findProjectConfig(folder) : resolve(cwd, configFile);
  if (projectConfig !== undefined) {
    return {
      ...(await projectConfigPlan(projectConfig, options, cwd, targets)),
      coversFiles: true,
    };
  }
  const classic = await findClassicSource(folder);
  if (classic !== undefined) {
    const project = await discoverProject({ cwd, config: classic });
    return { ...(await classicPlan(project, cwd, options)), coversFiles: true };
  }
  if (targets.files.length > 0) {
    return { ...(await markerPlan(targets.files, options, cwd)), coversFiles: false };
  }
  const project = await discoverProject({ cwd: folder });
  return { ...(await classicPlan(project, cwd, options)), coversFiles: false };
}

/**
 * The folder whose sources of parts count: the folder given, else the current one — unless it
 * has none and the scad files given all lie in one other folder that has one. So
 * `render_config.yml` beside the file given is used from anywhere, as the classic renderer, run
 * in its folder, used it; without this, `parascad render kit/project.scad` rendered the file's
 * markers from one folder and the config's parts from another.
 */
async function sourceFolder(cwd: string, targets: Targets): Promise<string> {
  if (targets.folder !== undefined) return resolve(cwd, targets.folder);
  const folders = new Set(targets.files.map((file) => dirname(resolve(cwd, file))));
  const [only] = folders;
  if (only === undefined || folders.size > 1 || only === cwd || globCharacters.test(only)) {
    return cwd;
  }
  if (await hasSourceOfParts(cwd)) return cwd;
  return (await hasSourceOfParts(only)) ? only : cwd;
}

async function hasSourceOfParts(folder: string): Promise<boolean> {
  return (
    (await findProjectConfig(folder)) !== undefined ||
    (await findClassicSource(folder)) !== undefined
  );
}

/**
 * With `--auto=`, the later classic renderer read `render_config.yml` and rendered its `scad_file`,
 * else the `-f` file (default `project.scad`): the one scad file given, if any.
 */
function unnamedScadFile(targets: Targets, cwd: string): { unnamedScadFile?: string } {
  const [file, ...others] = targets.files;
  return file === undefined || others.length > 0 || !/\.scad$/i.test(file)
    ? {}
    : { unnamedScadFile: resolve(cwd, file) };
}

async function projectConfigPlan(
  file: string,
  options: PlanPass,
  cwd: string,
  targets: Targets,
): Promise<RunPlan & { source: string }> {
  // The config's own problems and those found against the project are reported together.
  const reading = await readProjectConfig(file);
  const config = reading.config;
  if (config === undefined) throw new ConfigError(reading.problems);
  const projectDir = dirname(config.file);
  const history = await historyOf(projectDir, options);
  const warnings: ConfigProblem[] = [];
  const outDir =
    options.outDir === undefined
      ? resolve(projectDir, config.outDir?.value ?? 'outputs')
      : resolve(cwd, options.outDir);
  // -p/-P apply to the parts of the .scad files named beside the config, if any.
  const { scadFileSelector } =
    targets.files.length === 0
      ? { scadFileSelector: undefined }
      : await import('../plan/select-parts.js');
  const commandLine = commandLineValues(
    options,
    cwd,
    scadFileSelector === undefined
      ? undefined
      : (scadFile) => targets.files.some((selector) => scadFileSelector(selector, cwd)(scadFile)),
  );
  const jobs = await keepWarningsWithErrors(warnings, () =>
    reportProblemsTogether(reading.problems, () =>
      planProject(config, {
        projectDir,
        outDir,
        dimensionOf: (id) => history.dimensionOf(id),
        onWarning: (problem) => warnings.push(problem),
        sources: options.sources,
        ...defined({ commandLine }),
      }),
    ),
  );
  const ignored = await findClassicSource(projectDir);
  return {
    projectDir,
    outDir,
    jobs,
    history,
    configFile: config.file,
    source: shown(config.file, cwd),
    warnings:
      ignored === undefined
        ? warnings
        : [
            ...warnings,
            {
              message: `${basename(ignored)} is ignored: ${basename(config.file)} is used`,
              hint: 'parascad reads one source of parts: -c FILE, parascad.config.yaml, render_config.yml, renderer.py, then the markers',
            },
          ],
    ...defined({
      threads: config.jobs?.value,
      strict: config.strict?.value,
      cache: cacheSettings(config, projectDir),
    }),
  };
}

/** The parts of scad files given on the command line, from their own markers (or whole). */
async function markerPlan(
  files: readonly string[],
  options: PlanPass,
  cwd: string,
): Promise<RunPlan & { source: string }> {
  const values = commandLineValues(options, cwd);
  const [only] = files;
  // With -p/-P the file is planned as a file (its marked modules, one part per set).
  const classicRoute = values?.paramsets === undefined;
  if (classicRoute && files.length === 1 && only !== undefined && !globCharacters.test(only)) {
    // One marked file is the classic auto mode (its //render.quality and thread count apply);
    // a file without markers is rendered whole, like the files of a glob.
    const classic = await discoverProject({ cwd, file: only }).catch((error: unknown) => {
      if (error instanceof ParascadError && error.code === 'NOTHING_TO_RENDER') return undefined;
      throw error;
    });
    if (classic !== undefined) {
      const plan = await classicPlan(classic, cwd, options);
      // Without -p/-P, a file's customizer sets beside it are left out: say so.
      const setsLeftOut = await unusedParameterSets([resolve(cwd, only)]);
      return { ...plan, warnings: [...plan.warnings, ...setsLeftOut] };
    }
  }
  const history = await historyOf(cwd, options);
  const warnings: ConfigProblem[] = [];
  const outDir = resolve(cwd, options.outDir ?? 'outputs');
  const jobs = await keepWarningsWithErrors(warnings, () =>
    planFiles(files, {
      cwd,
      projectDir: cwd,
      outDir,
      dimensionOf: (id) => history.dimensionOf(id),
      onWarning: (problem) => warnings.push(problem),
      sources: options.sources,
      ...defined({ commandLine: values }),
    }),
  );
  // Of every file given or matched by a glob, as `openscad` would render each without `-p`.
  if (classicRoute) {
    warnings.unshift(...(await unusedParameterSets([...new Set(jobs.map((job) => job.scadFile))])));
  }
  return {
    projectDir: cwd,
    outDir,
    jobs,
    warnings,
    history,
    source: `the markers of ${files.join(', ')}`,
  };
}

/** Warnings for the scad files (absolute paths) whose customizer sets beside them go unused. */
async function unusedParameterSets(scadFiles: readonly string[]): Promise<ConfigProblem[]> {
  const warnings = await Promise.all(scadFiles.map((file) => unusedParameterSetsWarning(file)));
  return warnings.filter((warning) => warning !== undefined);
}

async function classicPlan(
  project: ClassicProject,
  cwd: string,
  options: PlanPass,
): Promise<RunPlan & { source: string }> {
  const values = commandLineValues(options, cwd);
  if (values?.paramsets !== undefined) return classicWithSets(project, cwd, options, values);
  const projectDir = dirname(project.configFile ?? project.scadFile);
  const outDir =
    options.outDir === undefined ? resolve(projectDir, 'outputs') : resolve(cwd, options.outDir);
  const leak = await findLeakingGeometry(project.scadFile, {
    libraryPaths: findLibraryPaths(defined({ env: options.env })),
  });
  const jobs = planJobs(project, {
    outDir,
    projectDir,
    mode: leak === undefined ? 'include' : 'use',
    variables: Object.fromEntries(
      (values?.defines ?? []).map((define) => [define.name, define.source]),
    ),
  });
  return {
    projectDir,
    outDir,
    jobs,
    warnings: [
      ...project.warnings,
      ...caseClashWarnings(jobs, projectDir),
      ...(leak === undefined ? [] : [leakingGeometryWarning(project.scadFile, leak)]),
    ],
    history: await historyOf(projectDir, options),
    source: classicSource(project, cwd),
    ...defined({
      configFile: project.configFile,
      openscadPath: project.openscadPath,
      threads: project.threads,
    }),
  };
}

/**
 * With `-p`/`-P`, a classic project's marked file is planned like a file given on the command
 * line (its marked modules, one part per set); a `render_config.yml` or `renderer.py` has no
 * place for sets.
 */
async function classicWithSets(
  project: ClassicProject,
  cwd: string,
  options: PlanPass,
  values: CommandLineValues,
): Promise<RunPlan & { source: string }> {
  if (project.kind !== 'annotations') {
    throw new ParascadError(
      'USAGE',
      `-p/-P choose parameter sets for .scad files and parascad.config parts, not for ${basename(project.configFile ?? 'render_config.yml')}`,
      'name the .scad file to render (parascad render part.scad -P small), or list the sets under paramsets in a parascad.config.yaml',
    );
  }
  const projectDir = dirname(project.scadFile);
  const history = await historyOf(projectDir, options);
  const warnings: ConfigProblem[] = [...project.warnings];
  const outDir =
    options.outDir === undefined ? resolve(projectDir, 'outputs') : resolve(cwd, options.outDir);
  const jobs = await keepWarningsWithErrors(warnings, () =>
    planFiles([project.scadFile], {
      cwd: projectDir,
      projectDir,
      outDir,
      dimensionOf: (id) => history.dimensionOf(id),
      onWarning: (problem) => warnings.push(problem),
      sources: options.sources,
      commandLine: values,
    }),
  );
  return {
    projectDir,
    outDir,
    jobs,
    warnings,
    history,
    source: classicSource(project, cwd),
    ...defined({ threads: project.threads }),
  };
}

function classicSource(project: ClassicProject, cwd: string): string {
  switch (project.kind) {
    case 'annotations':
      return `the markers of ${shown(project.scadFile, cwd)}`;
    case 'render-config':
      return shown(project.configFile ?? '', cwd);
    case 'renderer-py':
      return `${shown(project.configFile ?? '', cwd)}'s models list (modules of ${basename(project.scadFile)})`;
  }
}

/**
 * Applies `--quality N` to every part (a new `$fn`, so a new identity), and completes what the
 * parts say about their quality (see `explainQuality`), with its warnings.
 */
async function withQuality(plan: RunPlan, options: PlanPass): Promise<RunPlan> {
  const quality = options.quality;
  const jobs =
    quality === undefined
      ? plan.jobs
      : plan.jobs.map((job) => {
          const part = { ...job, quality: { $fn: quality } };
          return {
            ...part,
            id: partId(plan.projectDir, part),
            qualityFrom: { kind: 'command-line' as const },
          };
        });
  const explained = await explainQuality(jobs, {
    libraryPaths: findLibraryPaths(defined({ env: options.env })),
    sources: options.sources,
  });
  return {
    ...plan,
    jobs: explained.jobs,
    warnings: [
      ...plan.warnings,
      ...explained.warnings,
      ...(await missingArgumentsWarnings(explained.jobs, options.sources)),
    ],
  };
}

function shown(file: string, cwd: string): string {
  const path = relative(cwd, file);
  return path === '' || path.startsWith('..') ? file : path;
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

function historyOf(projectDir: string, options: RenderOptions): Promise<HistoryStore> {
  return HistoryStore.load(HistoryStore.fileFor(projectDir, options));
}

function isClassicFile(file: string): boolean {
  return /^render_config\.ya?ml$/i.test(basename(file)) || basename(file) === rendererScript;
}
