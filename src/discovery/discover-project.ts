import { stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { inReadingOrder } from '../config/in-reading-order.js';
import { ConfigError, ParascadError } from '../errors.js';
import type { ConfigProblem } from '../errors.js';
import { defined } from '../util/defined.js';
import type { ClassicProject, ModelSpec } from './classic-project.js';
import { declaredModules } from './declared-modules.js';
import { findLibraryPaths } from './find-library-paths.js';
import { classicGatewayFile, readRenderConfig } from './load-render-config.js';
import { ModelCollector } from './model-collector.js';
import { programScope } from './program-scope.js';
import { readRendererPy } from './read-renderer-py.js';
import type { RendererPyModel } from './read-renderer-py.js';
import type { RenderConfigModel } from './load-render-config.js';
import { scanAnnotations } from './scan-annotations.js';
import { NotARegularFileError, readRegularText } from '../util/read-regular-file.js';

export interface DiscoverProjectOptions {
  /** Folder that relative `file`/`config` paths and the default project files are looked up in. */
  readonly cwd: string;
  /**
   * A scad file, a `.yml`/`.yaml` config file, or a folder holding `render_config.yml` or
   * `project.scad`. Ignored when `config` is given.
   * @default `render_config.yml` (or `.yaml`) in cwd, else `project.scad` in cwd
   */
  readonly file?: string;
  /** A `render_config.yml` to use, whatever its name. */
  readonly config?: string;
  /**
   * The scad file of a `render_config.yml` that names none and has no gateway `renderer.scad`
   * beside it: the later classic renderer's `-f` file.
   * @default `project.scad` beside the config
   */
  readonly unnamedScadFile?: string;
  /**
   * OpenSCAD's library search path, where `include <…>` paths are looked up when a module is
   * sought in the files a scad file includes.
   * @default the usual library folders and `OPENSCADPATH` (see `findLibraryPaths`)
   */
  readonly libraryPaths?: readonly string[];
}

const configNames = ['render_config.yml', 'render_config.yaml'];
/** The classic renderer's script, whose `models` list names the parts of its first generation. */
export const rendererScript = 'renderer.py';
const markExample = '"module bracket() //render.model.stl"';

/**
 * Finds what to render the classic way, in this order: a `render_config.yml` (or `.yaml`); the
 * first generation's `renderer.py` when its `models` is a non-empty list literal (its parts call
 * modules of the gateway `renderer.scad` beside it); the `//render.model.*` markers of a scad
 * file (`project.scad` in a folder).
 *
 * In config mode, `scad_file` and a relative `openscad_path` are resolved against the config
 * file's folder (an `openscad_path` without any slash is a command name and stays as written);
 * every listed module must be declared in the scad file as OpenSCAD finds it from a program that
 * includes the file (its own modules, those of the files it includes, recursively, and those of
 * the files it uses directly); entries of one module merge into one model. `threads`/`quality` from the config win; when the config leaves one out,
 * the scad file's `//render.number_of_threads` / `//render.quality` comment applies. A config
 * without `models` renders the scad file's marked modules.
 *
 * Problems in the config file, its modules or the scad file's `//render.*` comments are thrown
 * together as one `ConfigError`, the config file's first: what is valid of a config with problems
 * is still checked (unless its `scad_file` is wrong); ignored comments become `warnings`.
 */
export async function discoverProject(options: DiscoverProjectOptions): Promise<ClassicProject> {
  const cwd = resolve(options.cwd);
  const libraryPaths = options.libraryPaths ?? findLibraryPaths();
  if (options.config !== undefined) {
    const config = resolve(cwd, options.config);
    return basename(config) === rendererScript
      ? fromRendererPy(config, libraryPaths, true)
      : fromConfig(config, libraryPaths, options.unnamedScadFile);
  }
  if (options.file === undefined) return fromFolder(cwd, libraryPaths, options.unnamedScadFile);
  const target = resolve(cwd, options.file);
  if (/\.ya?ml$/i.test(target)) return fromConfig(target, libraryPaths);
  if (basename(target) === rendererScript) return fromRendererPy(target, libraryPaths, true);
  if ((await stat(target).catch(() => undefined))?.isDirectory()) {
    return fromFolder(target, libraryPaths);
  }
  const source = await readScad(
    target,
    `Scad file not found: ${target}`,
    'Check the path, or pass a folder that holds project.scad or render_config.yml.',
  );
  return fromAnnotations(target, source);
}

async function fromFolder(
  folder: string,
  libraryPaths: readonly string[],
  unnamedScadFile?: string,
): Promise<ClassicProject> {
  const configFile = await findClassicConfig(folder);
  if (configFile !== undefined) return fromConfig(configFile, libraryPaths, unnamedScadFile);
  const script = join(folder, rendererScript);
  if (await isFile(script)) {
    const project = await fromRendererPy(script, libraryPaths, false);
    if (project !== undefined) return project;
  }
  const scadFile = join(folder, 'project.scad');
  const source = await readScad(
    scadFile,
    `Nothing to render in ${folder}: no parascad.config.yaml, render_config.yml, renderer.py with a models list, or project.scad`,
    'Pass the scad file to render (parascad part.scad, or -f part.scad), mark its modules with //render.model.stl, or list them in parascad.config.yaml (see the README).',
  );
  return fromAnnotations(scadFile, source);
}

/**
 * The classic file that lists a folder's parts, in the classic renderer's order: its
 * `render_config.yml` (or `.yaml`), else a `renderer.py` whose `models` list is not empty (the
 * newer generation's, with an empty list, lists nothing). Undefined when there is neither.
 */
export async function findClassicSource(folder: string): Promise<string | undefined> {
  const configFile = await findClassicConfig(folder);
  if (configFile !== undefined) return configFile;
  const script = join(folder, rendererScript);
  if (!(await isFile(script))) return undefined;
  const source = await readRegularText(script).catch(() => '');
  return readRendererPy(source, script).kind === 'none' ? undefined : script;
}

async function findClassicConfig(folder: string): Promise<string | undefined> {
  for (const name of configNames) {
    const configFile = join(folder, name);
    if (await isFile(configFile)) return configFile;
  }
  return undefined;
}

/**
 * The first generation's project: the parts of `renderer.py`'s `models` list, each a module of
 * the gateway `renderer.scad` beside it (or of the files it includes), and its thread count.
 * Undefined for the newer generation's `renderer.py`, whose list is empty, unless `required`.
 */
async function fromRendererPy(
  script: string,
  libraryPaths: readonly string[],
  required: true,
): Promise<ClassicProject>;
async function fromRendererPy(
  script: string,
  libraryPaths: readonly string[],
  required: boolean,
): Promise<ClassicProject | undefined>;
async function fromRendererPy(
  script: string,
  libraryPaths: readonly string[],
  required: boolean,
): Promise<ClassicProject | undefined> {
  const source = await readScad(script, `${script} does not exist`, 'Check the path.');
  const read = readRendererPy(source, script);
  if (read.kind === 'none') {
    if (!required) return undefined;
    throw new ParascadError(
      'NOTHING_TO_RENDER',
      `${script} has no models to render (its models list is empty or missing)`,
      'The newer renderer.py reads //render.model.* markers: render the scad file itself (parascad part.scad).',
    );
  }
  const folder = dirname(script);
  const gateway = join(folder, classicGatewayFile);
  if (!(await isFile(gateway))) {
    throw new ConfigError(
      inReadingOrder([
        ...read.problems,
        {
          message: `${rendererScript} renders modules of ${classicGatewayFile}, which does not exist`,
          ...(read.models[0] === undefined ? {} : { location: read.models[0].at }),
          hint: `create ${classicGatewayFile} beside ${rendererScript}, including the files that declare the modules`,
        },
      ]),
    );
  }
  // The entries it could read are checked too, so that every problem of the list comes at once.
  const listed = await declaredModels(read.models, gateway, libraryPaths);
  const problems = [...read.problems, ...listed.problems];
  if (problems.length > 0) throw new ConfigError(inReadingOrder(problems));
  return {
    kind: 'renderer-py',
    scadFile: gateway,
    configFile: script,
    models: listed.models,
    ...defined({ threads: typeof read.threads === 'number' ? read.threads : undefined }),
    warnings: [],
  };
}

function fromAnnotations(scadFile: string, source: string): ClassicProject {
  const scan = scanAnnotations(source, scadFile);
  if (scan.problems.length > 0) throw new ConfigError(scan.problems, scan.warnings);
  if (scan.models.length === 0) {
    throw new ParascadError(
      'NOTHING_TO_RENDER',
      `No module in ${scadFile} is marked for rendering`,
      nothingToRenderHint(scan.warnings),
    );
  }
  return {
    kind: 'annotations',
    scadFile,
    models: scan.models,
    ...defined({
      quality: scan.quality,
      qualityFrom: scan.quality === undefined ? undefined : ('comment' as const),
      threads: scan.threads,
    }),
    warnings: scan.warnings,
  };
}

/**
 * What a `render_config.yml` without `scad_file` renders: the first generation's gateway
 * `renderer.scad` when it is beside the config, else the later renderer's `-f` file, which
 * defaults to `project.scad`.
 */
async function scadFileOfUnnamed(folder: string, unnamedScadFile?: string): Promise<string> {
  const gateway = join(folder, classicGatewayFile);
  if (await isFile(gateway)) return gateway;
  return unnamedScadFile ?? join(folder, 'project.scad');
}

async function fromConfig(
  configFile: string,
  libraryPaths: readonly string[],
  unnamedScadFile?: string,
): Promise<ClassicProject> {
  const reading = await readRenderConfig(configFile);
  const config = reading.config;
  if (config === undefined) throw new ConfigError(reading.problems);
  const folder = dirname(config.file);
  const scadFile =
    config.scadFile === undefined
      ? await scadFileOfUnnamed(folder, unnamedScadFile)
      : resolve(folder, config.scadFile);
  const source = await readRegularText(scadFile).catch((error: unknown) => {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'does not exist'
        : error instanceof NotARegularFileError
          ? `is ${error.kind}, not a regular file`
          : `cannot be read (${(error as Error).message})`;
    const named = config.scadFile !== undefined;
    throw new ConfigError(
      inReadingOrder([
        ...reading.problems,
        {
          message: named
            ? `scad_file "${config.scadFile}" ${reason}`
            : `${basename(config.file)} names no scad_file, and ${relative(folder, scadFile) || scadFile} (the file it then renders) ${reason}`,
          location: config.scadFileAt,
          hint: named
            ? `it is looked up from ${folder}`
            : `add scad_file: NAME.scad to ${basename(config.file)}; without it, the first generation renders its gateway ${classicGatewayFile} and the later one project.scad (or -f FILE)`,
        },
      ]),
    );
  });
  const scan = scanAnnotations(source, scadFile);
  const listed = await declaredModels(config.models, scadFile, libraryPaths);
  const models = config.models.length === 0 ? scan.models : listed.models;
  // The config's own problems come with those of its modules and the scad file's comments.
  const problems = [...listed.problems, ...scan.problems];
  if (reading.problems.length > 0) {
    throw new ConfigError(inReadingOrder([...reading.problems, ...problems]), scan.warnings);
  }
  if (problems.length > 0) throw new ConfigError(problems, scan.warnings);
  if (models.length === 0) {
    throw new ParascadError(
      'NOTHING_TO_RENDER',
      `${config.file} lists no models and no module in ${scadFile} is marked for rendering`,
      `List them in ${basename(config.file)} under "models:" (- module: NAME), or mark them in their headers, e.g. ${markExample}.`,
    );
  }
  const openscadPath = config.openscadPath;
  return {
    kind: 'render-config',
    scadFile,
    configFile: config.file,
    models,
    ...defined({
      quality: config.quality ?? scan.quality,
      qualityFrom:
        config.quality !== undefined
          ? ('config' as const)
          : scan.quality !== undefined
            ? ('comment' as const)
            : undefined,
      threads: config.threads ?? scan.threads,
      // A bare name such as `openscad` is a command looked up on PATH, not a file beside the config.
      openscadPath:
        openscadPath !== undefined && /[/\\]/.test(openscadPath)
          ? resolve(folder, openscadPath)
          : openscadPath,
    }),
    warnings: scan.warnings,
  };
}

/**
 * Merges the listed entries into one model per module, with a problem for each entry whose module
 * a program including `scadFile` could not call (see `declaredModules`).
 */
async function declaredModels(
  entries: readonly (RenderConfigModel | RendererPyModel)[],
  scadFile: string,
  libraryPaths: readonly string[],
): Promise<{ models: ModelSpec[]; problems: ConfigProblem[] }> {
  const problems: ConfigProblem[] = [];
  const lookUp = declaredModules(await programScope(scadFile, { libraryPaths }));
  const models = new ModelCollector();
  for (const entry of entries) {
    const found = lookUp(entry.module, 'include', entry.moduleAt);
    if (found.ok) models.add(found.module.declaration, entry.suffix, entry.at);
    else problems.push(found.problem);
  }
  return { models: models.list(), problems };
}

/** Points at the first ignored `//render…` comment, which is likely why nothing is marked. */
function nothingToRenderHint(warnings: readonly ConfigProblem[]): string {
  const ignored = warnings[0];
  if (ignored?.location === undefined) {
    return `Mark each module to render in its header, e.g. ${markExample}, or list the modules in render_config.yml.`;
  }
  const { file, line, column } = ignored.location;
  return `${basename(file)}:${line}:${column ?? 1}: ${ignored.message}${ignored.hint === undefined ? '' : ` (${ignored.hint})`}`;
}

async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isFile() === true;
}

async function readScad(file: string, notFound: string, hint: string): Promise<string> {
  try {
    return await readRegularText(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new ParascadError('SCAD_FILE_NOT_FOUND', notFound, hint);
    if (error instanceof NotARegularFileError) {
      throw new ParascadError(
        'SCAD_FILE_NOT_FOUND',
        error.message,
        'parascad reads only regular files: give the .scad file itself',
      );
    }
    throw new ParascadError(
      'SCAD_FILE_NOT_FOUND',
      `Cannot read ${file}: ${(error as Error).message}`,
    );
  }
}
