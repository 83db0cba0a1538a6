import type { z } from 'zod';
import { defined } from '../util/defined.js';
import type {
  ConfigLocation,
  FileEntry,
  Located,
  ModuleEntry,
  ParamSetsSpec,
  ParamValue,
  PartSettings,
  ProjectConfig,
  VariantSpec,
} from './project-config.js';
import type { projectConfigSchema } from './project-config-schema.js';

/** A project config as the schema parses it: valid, normalised, without places yet. */
export type ParsedProjectConfig = z.output<typeof projectConfigSchema>;

type ParsedSettings = NonNullable<ParsedProjectConfig['defaults']>;
type ParsedFile = ParsedProjectConfig['files'][number];
type ParsedModule = Exclude<NonNullable<ParsedFile['modules']>, string>[number];
type ParsedModuleEntry = Exclude<ParsedModule, string>;
type Path = readonly (string | number)[];

/** Where the value at a path of the config file was written. */
export type LocatePath = (path: Path) => ConfigLocation;

/**
 * Shapes a validated config into a {@link ProjectConfig}, placing every value at the text that
 * wrote it, so that later checks (a file the glob does not match, a module the file does not
 * declare) can point there too. Shorthands become their long form at the same place: a bare
 * module name is `{name}`, a paramsets path is `{file}`, a single format or glob is a list.
 */
export function toProjectConfig(
  file: string,
  parsed: ParsedProjectConfig,
  locate: LocatePath,
): ProjectConfig {
  const at = <T>(value: T, path: Path): Located<T> => ({ value, at: locate(path) });
  const optional = <T>(value: T | undefined, path: Path): Located<T> | undefined =>
    value === undefined ? undefined : at(value, path);

  const settings = (parsedSettings: ParsedSettings, path: Path): PartSettings =>
    defined({
      formats: optional(parsedSettings.formats, [...path, 'formats']),
      quality: optional(parsedSettings.quality, [...path, 'quality']),
      timeoutSeconds: optional(parsedSettings.timeout, [...path, 'timeout']),
      engine: optional(parsedSettings.engine, [...path, 'engine']),
      backend: optional(parsedSettings.backend, [...path, 'backend']),
      stl: optional(parsedSettings.stl, [...path, 'stl']),
      mode: optional(parsedSettings.mode, [...path, 'mode']),
      output: optional(parsedSettings.output, [...path, 'output']),
    });

  const located = <T>(
    record: Readonly<Record<string, T>> | undefined,
    path: Path,
  ): Readonly<Record<string, Located<T>>> | undefined =>
    record === undefined
      ? undefined
      : Object.fromEntries(
          Object.entries(record).map(([key, value]) => [key, at(value, [...path, key])]),
        );

  const paramSets = (
    written: ParsedModuleEntry['paramsets'],
    path: Path,
  ): ParamSetsSpec | undefined => {
    if (written === undefined) return undefined;
    const where = locate(path);
    if (written === true) return { at: where };
    if (typeof written === 'string') return { file: at(written, path), at: where };
    return {
      at: where,
      ...defined({
        file: optional(written.file, [...path, 'file']),
        sets: written.sets?.map((set, index) => at(set, [...path, 'sets', index])),
      }),
    };
  };

  const variants = (entry: ParsedModuleEntry | ParsedFile, path: Path): VariantSpec =>
    defined({
      params: located<ParamValue>(entry.params, [...path, 'params']),
      paramsets: paramSets(entry.paramsets, [...path, 'paramsets']),
      matrix: located<readonly ParamValue[]>(entry.matrix, [...path, 'matrix']),
    });

  const moduleEntry = (entry: ParsedModule, path: Path): ModuleEntry => {
    if (typeof entry === 'string') return { name: at(entry, path) };
    return {
      name: at(entry.name, [...path, 'name']),
      ...settings(entry, path),
      ...variants(entry, path),
    };
  };

  const fileEntry = (entry: ParsedFile, path: Path): FileEntry => {
    const exclude = entry.exclude;
    return {
      path: at(entry.path, [...path, 'path']),
      exclude:
        exclude === undefined
          ? []
          : typeof exclude === 'string'
            ? [at(exclude, [...path, 'exclude'])]
            : exclude.map((glob, index) => at(glob, [...path, 'exclude', index])),
      modules:
        entry.modules === undefined
          ? at('marked', path)
          : typeof entry.modules === 'string'
            ? at(entry.modules, [...path, 'modules'])
            : entry.modules.map((module, index) =>
                moduleEntry(module, [...path, 'modules', index]),
              ),
      ...settings(entry, path),
      ...variants(entry, path),
    };
  };

  return {
    file,
    ...defined({
      outDir: optional(parsed.outDir, ['outDir']),
      jobs: optional(parsed.jobs, ['jobs']),
      strict: optional(parsed.strict, ['strict']),
    }),
    defaults: settings(parsed.defaults ?? {}, ['defaults']),
    files: parsed.files.map((entry, index) => fileEntry(entry, ['files', index])),
  };
}
