import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { ConfigError, ParascadError } from '../errors.js';
import type { ConfigProblem } from '../errors.js';
import { defined } from '../util/defined.js';
import { didYouMean } from '../util/did-you-mean.js';
import type { ClassicProject, ModelSpec } from './classic-project.js';
import type { ModuleDeclaration } from './list-modules.js';
import { loadRenderConfig } from './load-render-config.js';
import { ModelCollector } from './model-collector.js';
import type { RenderConfigFile } from './load-render-config.js';
import { nestedModuleProblem, scanAnnotations } from './scan-annotations.js';

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
}

const configNames = ['render_config.yml', 'render_config.yaml'];
const markExample = '"module bracket() //render.model.stl"';

/**
 * Finds what to render the classic way: config mode when there is a `render_config.yml`, auto
 * mode on a scad file's `//render.model.*` markers otherwise.
 *
 * In config mode, `scad_file` and a relative `openscad_path` are resolved against the config
 * file's folder (an `openscad_path` without any slash is a command name and stays as written);
 * every listed module must be declared at the top level of the scad file; entries of one module
 * merge into one model. `threads`/`quality` from the config win; when the config leaves one out,
 * the scad file's `//render.number_of_threads` / `//render.quality` comment applies. A config
 * without `models` renders the scad file's marked modules.
 *
 * Problems in the config file or the scad file's `//render.*` comments are thrown together as
 * one `ConfigError` (the config file's own problems first, on their own, since the rest cannot be
 * checked without them); ignored comments become `warnings`.
 */
export async function discoverProject(options: DiscoverProjectOptions): Promise<ClassicProject> {
  const cwd = resolve(options.cwd);
  if (options.config !== undefined) return fromConfig(resolve(cwd, options.config));
  if (options.file === undefined) return fromFolder(cwd);
  const target = resolve(cwd, options.file);
  if (/\.ya?ml$/i.test(target)) return fromConfig(target);
  if ((await stat(target).catch(() => undefined))?.isDirectory()) return fromFolder(target);
  const source = await readScad(
    target,
    `Scad file not found: ${target}`,
    'Check the path, or pass a folder that holds project.scad or render_config.yml.',
  );
  return fromAnnotations(target, source);
}

async function fromFolder(folder: string): Promise<ClassicProject> {
  for (const name of configNames) {
    const configFile = join(folder, name);
    if ((await stat(configFile).catch(() => undefined))?.isFile()) return fromConfig(configFile);
  }
  const scadFile = join(folder, 'project.scad');
  const source = await readScad(
    scadFile,
    `No project.scad or render_config.yml in ${folder}`,
    'Pass the scad file to render (parascad part.scad, or -f part.scad), or create render_config.yml with "scad_file: part.scad".',
  );
  return fromAnnotations(scadFile, source);
}

function fromAnnotations(scadFile: string, source: string): ClassicProject {
  const scan = scanAnnotations(source, scadFile);
  if (scan.problems.length > 0) throw new ConfigError(scan.problems);
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
    ...defined({ quality: scan.quality, threads: scan.threads }),
    warnings: scan.warnings,
  };
}

async function fromConfig(configFile: string): Promise<ClassicProject> {
  const config = await loadRenderConfig(configFile);
  const folder = dirname(config.file);
  const scadFile = resolve(folder, config.scadFile);
  const source = await readFile(scadFile, 'utf8').catch((error: unknown) => {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'does not exist'
        : `cannot be read (${(error as Error).message})`;
    throw new ConfigError([
      {
        message: `scad_file "${config.scadFile}" ${reason}`,
        location: config.scadFileAt,
        hint: `it is looked up from ${folder}`,
      },
    ]);
  });
  const scan = scanAnnotations(source, scadFile);
  const listed = configModels(config, scan.modules, scadFile);
  const models = config.models.length === 0 ? scan.models : listed.models;
  const problems = [...listed.problems, ...scan.problems];
  if (problems.length > 0) throw new ConfigError(problems);
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

/** Merges the config's entries into one model per module, with a problem for each unusable entry. */
function configModels(
  config: RenderConfigFile,
  modules: readonly ModuleDeclaration[],
  scadFile: string,
): { models: ModelSpec[]; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const declared = new Map<string, ModuleDeclaration>();
  for (const module of modules) if (!declared.has(module.name)) declared.set(module.name, module);
  const callable = modules.filter((module) => module.topLevel).map((module) => module.name);
  const models = new ModelCollector();
  for (const entry of config.models) {
    const module = declared.get(entry.module);
    if (module === undefined) {
      problems.push({
        message: `module "${entry.module}" is not declared in ${basename(scadFile)}`,
        location: entry.moduleAt,
        hint: unknownModuleHint(entry.module, callable, scadFile),
      });
    } else if (!module.topLevel) {
      problems.push(nestedModuleProblem(module, entry.moduleAt));
    } else {
      models.add(module, entry.suffix, entry.at);
    }
  }
  return { models: models.list(), problems };
}

function unknownModuleHint(name: string, callable: readonly string[], scadFile: string): string {
  const guess = didYouMean(name, callable);
  if (guess !== undefined) return `did you mean ${guess}?`;
  if (callable.length === 0) return `${basename(scadFile)} declares no top-level modules`;
  const shown = callable.slice(0, 10).join(', ');
  return `modules declared there: ${shown}${callable.length > 10 ? ', …' : ''}`;
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

async function readScad(file: string, notFound: string, hint: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new ParascadError('SCAD_FILE_NOT_FOUND', notFound, hint);
    throw new ParascadError(
      'SCAD_FILE_NOT_FOUND',
      `Cannot read ${file}: ${(error as Error).message}`,
    );
  }
}
