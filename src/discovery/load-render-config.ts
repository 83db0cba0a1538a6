import * as z from 'zod';
import { exportFormatSchema } from '../config/export-format-schema.js';
import { readConfigSource } from '../config/read-config-source.js';
import { inReadingOrder } from '../config/in-reading-order.js';
import { salvageConfig } from '../config/salvage-config.js';
import { ConfigError } from '../errors.js';
import type { ConfigProblem } from '../errors.js';
import { defined } from '../util/defined.js';

type ProblemLocation = NonNullable<ConfigProblem['location']>;

/** One entry of the `models` list. */
export interface RenderConfigModel {
  readonly module: string;
  /** Lower-case, without a leading dot; `stl` when the entry names none. */
  readonly suffix: string;
  /** The entry in the list. */
  readonly at: ProblemLocation;
  /** The entry's `module` value, where problems about the module point. */
  readonly moduleAt: ProblemLocation;
}

/**
 * A validated `render_config.yml` (or `.yaml`), with the places of the values later checks may blame. */
export interface RenderConfigFile {
  /** Absolute path of the config file. */
  readonly file: string;
  /**
   * `scad_file` (or the older `filename`) as written, relative paths relative to the config
   * file's folder; undefined when the file names none (see `discoverProject`).
   */
  readonly scadFile?: string;
  /** Where `scad_file` is written; the start of the file when it is not. */
  readonly scadFileAt: ProblemLocation;
  readonly threads?: number;
  readonly quality?: number;
  /** `openscad_path` as written. */
  readonly openscadPath?: string;
  /** The `models` entries in file order, not merged; empty when the file lists none. */
  readonly models: readonly RenderConfigModel[];
}

// Messages say what is expected; the loader adds what was received and where.
const positiveInteger = z
  .int({ error: 'must be a positive integer' })
  .positive({ error: 'must be a positive integer' });

const scadFileSchema = z
  .string({ error: 'must be the path of a scad file' })
  .min(1, { error: 'must be the path of a scad file' });

/** The first generation's gateway file, which a config without `scad_file` renders from. */
export const classicGatewayFile = 'renderer.scad';

/** Older names of settings, as the classic renderer's earlier versions wrote them. */
const olderNames = [
  ['filename', 'scad_file'],
  ['number_of_threads', 'threads'],
] as const;

const modelSchema = z.strictObject(
  {
    module: z.string({ error: 'must be a module name' }).min(1, { error: 'must be a module name' }),
    suffix: exportFormatSchema.default('stl'),
  },
  { error: 'must be a mapping such as {module: NAME, suffix: stl}' },
);

const configSchema = z.strictObject(
  {
    scad_file: scadFileSchema.optional(),
    filename: scadFileSchema.optional(),
    threads: positiveInteger.optional(),
    number_of_threads: positiveInteger.optional(),
    quality: positiveInteger.optional(),
    openscad_path: z
      .string({ error: 'must be the path of the openscad program' })
      .min(1, { error: 'must be the path of the openscad program' })
      .optional(),
    models: z
      .array(modelSchema, { error: 'must be a list of {module, suffix} entries' })
      .optional(),
  },
  { error: 'must be a mapping of settings such as "scad_file: project.scad"' },
);

/** A `render_config.yml` as far as it is valid, with the problems of the rest. */
export interface RenderConfigReading {
  /**
   * The config without the values the problems are about; undefined when the scad file it is
   * about is not known (the file is not a mapping, or `scad_file` is wrong).
   */
  readonly config?: RenderConfigFile;
  /** Every problem the file has by itself, in reading order; empty for a valid file. */
  readonly problems: readonly ConfigProblem[];
}

/**
 * Reads and validates a classic `render_config.yml`.
 *
 * Every problem in the file is collected and thrown together as one `ConfigError`, each placed at
 * the offending YAML node with the length of its text: invalid YAML at the parser's position,
 * unknown keys with a "did you mean", wrong values saying what was expected and what was found,
 * unknown export suffixes, a setting given under its older name too. A missing or unreadable
 * file is a `ParascadError` with code `CONFIG_INVALID`. Whether `scad_file` exists and declares
 * the modules is for the caller, which uses {@link readRenderConfig} to report those problems
 * together with the file's own.
 */
export async function loadRenderConfig(configFile: string): Promise<RenderConfigFile> {
  const { config, problems } = await readRenderConfig(configFile);
  if (config === undefined || problems.length > 0) throw new ConfigError(problems);
  return config;
}

/**
 * Reads a classic `render_config.yml` and keeps what is valid (see `salvageConfig`), so that the
 * caller can check the listed modules too and report every problem in one run. Invalid YAML and
 * a missing file are thrown as {@link loadRenderConfig} does.
 */
export async function readRenderConfig(configFile: string): Promise<RenderConfigReading> {
  const read = await readConfigSource(configFile, {
    missingHint:
      'Check the path, or leave the config out to use render_config.yml or project.scad in the current folder.',
  });
  const salvaged = salvageConfig(read, configSchema);
  const config = salvaged.value;
  const scadFileLost = salvaged.dropped.some(
    ([key]) => key === undefined || key === 'scad_file' || key === 'filename',
  );
  if (config === undefined || scadFileLost) return { problems: salvaged.problems };
  const source = salvaged.source;
  const doubled = olderNames
    .filter(([older, name]) => config[older] !== undefined && config[name] !== undefined)
    .map(([older, name]): ConfigProblem => ({
      message: `${older} is the older name of ${name}: give only one of them`,
      location: source.locate([older], { key: true }),
      hint: `remove ${older}`,
    }));
  const scadKey =
    config.scad_file === undefined && config.filename !== undefined ? 'filename' : 'scad_file';
  return {
    problems: inReadingOrder([...salvaged.problems, ...doubled]),
    config: {
      file: source.file,
      scadFileAt: source.locate(
        config.scad_file === undefined && config.filename === undefined ? [] : [scadKey],
      ),
      ...defined({
        scadFile: config.scad_file ?? config.filename,
        threads: config.threads ?? config.number_of_threads,
        quality: config.quality,
        openscadPath: config.openscad_path,
      }),
      models: (config.models ?? []).map((model, index) => ({
        ...model,
        at: source.locate(['models', index]),
        moduleAt: source.locate(['models', index, 'module']),
      })),
    },
  };
}
