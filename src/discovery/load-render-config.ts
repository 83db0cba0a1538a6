import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { isCollection, isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import type { Document, Node as YamlNode } from 'yaml';
import { z } from 'zod';
import type { core } from 'zod';
import { ConfigError, ParascadError } from '../errors.js';
import type { ConfigProblem } from '../errors.js';
import { findExportFormat } from '../plan/export-formats.js';
import { defined } from '../util/defined.js';
import { didYouMean } from '../util/did-you-mean.js';
import { unknownSuffixProblem } from './scan-annotations.js';

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

/** A validated `render_config.yml`, with the places of the values later checks may blame. */
export interface RenderConfigFile {
  /** Absolute path of the config file. */
  readonly file: string;
  /** `scad_file` as written (relative paths are relative to the config file's folder). */
  readonly scadFile: string;
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

const modelSchema = z.strictObject(
  {
    module: z.string({ error: 'must be a module name' }).min(1, { error: 'must be a module name' }),
    suffix: z
      .string({ error: 'must be an export format such as stl' })
      .transform((written, context) => {
        const suffix = written.replace(/^\./, '').toLowerCase();
        if (!findExportFormat(suffix)) {
          const { message, hint } = unknownSuffixProblem(suffix);
          context.addIssue({ code: 'custom', message, params: { hint } });
          return z.NEVER;
        }
        return suffix;
      })
      .default('stl'),
  },
  { error: 'must be a mapping such as {module: NAME, suffix: stl}' },
);

const configSchema = z.strictObject(
  {
    scad_file: z
      .string({ error: 'must be the path of a scad file' })
      .min(1, { error: 'must be the path of a scad file' }),
    threads: positiveInteger.optional(),
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

/**
 * Reads and validates a classic `render_config.yml`.
 *
 * Every problem in the file is collected and thrown together as one `ConfigError`, each placed at
 * the offending YAML node with the length of its text: invalid YAML at the parser's position,
 * unknown keys with a "did you mean", wrong values saying what was expected and what was found,
 * unknown export suffixes. A missing or unreadable file is a `ParascadError` with code
 * `CONFIG_INVALID`. Whether `scad_file` exists and declares the modules is for the caller.
 */
export async function loadRenderConfig(configFile: string): Promise<RenderConfigFile> {
  const file = resolve(configFile);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'does not exist'
        : `cannot be read (${(error as Error).message})`;
    throw new ParascadError(
      'CONFIG_INVALID',
      `Config file ${file} ${reason}`,
      'Check the path, or leave the config out to use render_config.yml or project.scad in the current folder.',
    );
  }

  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  const locate = (start: number, end: number, spansLines = false): ProblemLocation => {
    const { line, col } = lineCounter.linePos(start);
    const lineEnd = text.indexOf('\n', start);
    let shown = text.slice(start, Math.min(end, lineEnd === -1 ? text.length : lineEnd));
    // A mapping or list runs over several lines: mark its first line, without a trailing comment.
    if (spansLines) shown = shown.replace(/\s+#.*$/, '').trimEnd();
    return { file, line, column: col, length: shown.length };
  };
  const locateNode = (node: YamlNode | null | undefined): ProblemLocation =>
    node?.range
      ? locate(node.range[0], node.range[1], isCollection(node))
      : { file, line: 1, column: 1 };

  if (document.errors.length > 0) {
    throw new ConfigError(
      document.errors.map((error) => ({
        message:
          error.code === 'MULTIPLE_DOCS'
            ? 'invalid YAML: a config file holds one document, but this one has several'
            : `invalid YAML: ${error.message.charAt(0).toLowerCase()}${error.message.slice(1)}`,
        location: locate(error.pos[0], error.pos[1]),
      })),
    );
  }

  const data: unknown = document.toJS();
  const result = configSchema.safeParse(data);
  if (!result.success) {
    const problems = result.error.issues.flatMap((issue) =>
      issueProblems(issue, document, data, file, locateNode),
    );
    throw new ConfigError(problems.sort(byPlace));
  }

  const config = result.data;
  return {
    file,
    scadFile: config.scad_file,
    scadFileAt: locateNode(nodeAt(document, ['scad_file'])),
    ...defined({
      threads: config.threads,
      quality: config.quality,
      openscadPath: config.openscad_path,
    }),
    models: (config.models ?? []).map((model, index) => ({
      ...model,
      at: locateNode(nodeAt(document, ['models', index])),
      moduleAt: locateNode(nodeAt(document, ['models', index, 'module'])),
    })),
  };
}

/** Turns one zod issue into problems placed at the YAML nodes it is about. */
function issueProblems(
  issue: core.$ZodIssue,
  document: Document,
  data: unknown,
  file: string,
  locateNode: (node: YamlNode | null | undefined) => ProblemLocation,
): ConfigProblem[] {
  const path = issue.path.filter((key) => typeof key !== 'symbol');
  const node = nodeAt(document, path);
  if (issue.code === 'unrecognized_keys') {
    const known = Object.keys(path.length === 0 ? configSchema.shape : modelSchema.shape);
    const keyNodes = isMap(node) ? node.items.map((pair) => pair.key) : [];
    return issue.keys.map((key) => {
      const keyNode = keyNodes.find(
        (candidate) => isScalar(candidate) && String(candidate.value) === key,
      );
      const guess = didYouMean(key, known);
      return {
        message: `unknown key "${key}"${path.length === 0 ? '' : ` in ${label(path, file)}`}`,
        location: locateNode(isScalar(keyNode) ? keyNode : node),
        hint: guess === undefined ? `known keys: ${known.join(', ')}` : `did you mean ${guess}?`,
      };
    });
  }
  if (issue.code === 'custom') {
    const hint: unknown = issue.params?.['hint'];
    return [
      {
        message: issue.message,
        location: locateNode(node),
        ...(typeof hint === 'string' ? { hint } : {}),
      },
    ];
  }
  const value = valueAt(data, path);
  if (value === undefined) {
    return [
      {
        message: `${label(path, file)} is required`,
        location: locateNode(nodeAt(document, path.slice(0, -1))),
      },
    ];
  }
  return [
    {
      message: `${label(path, file)} ${issue.message}, got ${describe(value)}`,
      location: locateNode(node),
    },
  ];
}

/** Reading order; zod reports an entry's problems before those of the mapping holding it. */
function byPlace(a: ConfigProblem, b: ConfigProblem): number {
  const line = (a.location?.line ?? 0) - (b.location?.line ?? 0);
  return line !== 0 ? line : (a.location?.column ?? 0) - (b.location?.column ?? 0);
}

function nodeAt(document: Document, path: readonly PropertyKey[]): YamlNode | null | undefined {
  const node: unknown = path.length === 0 ? document.contents : document.getIn(path, true);
  return node as YamlNode | null | undefined;
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let value = data;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** `models[2].suffix` for a path, or the file's name for the document itself. */
function label(path: readonly PropertyKey[], file: string): string {
  if (path.length === 0) return basename(file);
  return path
    .map((key, index) =>
      typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`,
    )
    .join('');
}

/** A value found in the YAML, worded for "got …". */
function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null) return 'nothing';
  return Array.isArray(value) ? 'a list' : 'a mapping';
}
