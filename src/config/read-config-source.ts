import { extname, resolve } from 'node:path';
import { isAlias, isCollection, isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Document, Node as YamlNode } from 'yaml';
import { ConfigError, ParascadError } from '../errors.js';
import type { ConfigProblem } from '../errors.js';
import { jsonSyntaxProblem } from './json-syntax-problem.js';
import type { ConfigLocation } from './project-config.js';
import { NotARegularFileError, readRegularText } from '../util/read-regular-file.js';

/** A place inside a config value: the key that names it, or a piece of its text. */
export interface LocateOptions {
  /** Point at the key of the last path step instead of its value (for "unknown key" and names). */
  readonly key?: boolean;
  /** Point at this text inside the value, for a problem with a part of a string. */
  readonly within?: { readonly text: string; readonly occurrence: number };
}

/** A parsed config file that can say where each of its values was written. */
export interface ConfigSource {
  /** Absolute path. */
  readonly file: string;
  readonly document: Document;
  /** The file's content as plain values (mappings as objects, lists as arrays). */
  readonly data: unknown;
  /**
   * Where the value at `path` was written, with the length of its text on its first line. A path
   * that leads nowhere gives the place of the deepest value it reaches (line 1 for an empty file).
   */
  locate(path: readonly PropertyKey[], options?: LocateOptions): ConfigLocation;
  /**
   * The same file with the values at `paths` left out (a list's later entries move up), whose
   * values are still placed where the file wrote them; undefined when nothing could be left out
   * (a path that leads nowhere, or through an alias) or an alias then points at nothing.
   */
  without(paths: readonly (readonly PropertyKey[])[]): ConfigSource | undefined;
}

/** What to say when the config file cannot be read. */
export interface ReadConfigSourceOptions {
  /** What the user can do about a missing or unreadable file. */
  readonly missingHint: string;
}

/**
 * Reads a YAML or JSON config file with the places of its values, for loaders that validate it
 * and blame the exact text of each bad value.
 *
 * JSON is read by the YAML parser too (YAML 1.2 is a superset of JSON), so places work the same;
 * a `.json` file must first pass `JSON.parse`, whose messages and positions name JSON's own rules.
 * Invalid YAML or JSON is a `ConfigError` with every syntax problem; a missing or unreadable file
 * is a `ParascadError` with code `CONFIG_INVALID`.
 */
export async function readConfigSource(
  configFile: string,
  options: ReadConfigSourceOptions,
): Promise<ConfigSource> {
  const file = resolve(configFile);
  let text: string;
  try {
    text = await readRegularText(file);
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'does not exist'
        : error instanceof NotARegularFileError
          ? `is ${error.kind}, not a regular file`
          : `cannot be read (${(error as Error).message})`;
    throw new ParascadError('CONFIG_INVALID', `Config file ${file} ${reason}`, options.missingHint);
  }

  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  const place = (start: number, end: number, spansLines = false): ConfigLocation => {
    const { line, col } = lineCounter.linePos(start);
    const lineEnd = text.indexOf('\n', start);
    let shown = text.slice(start, Math.min(end, lineEnd === -1 ? text.length : lineEnd));
    // A mapping or list runs over several lines: mark its first line, without a trailing comment.
    if (spansLines) shown = shown.replace(/\s+#.*$/, '').trimEnd();
    return { file, line, column: col, length: shown.length };
  };

  const isJson = extname(file).toLowerCase() === '.json';
  const json = isJson ? jsonSyntaxProblem(text) : undefined;
  if (json !== undefined) {
    throw new ConfigError([
      { message: `invalid JSON: ${json.message}`, location: place(json.offset, json.offset + 1) },
    ]);
  }
  if (document.errors.length > 0) {
    throw new ConfigError(
      document.errors.map((error): ConfigProblem => ({
        message:
          error.code === 'MULTIPLE_DOCS'
            ? 'invalid YAML: a config file holds one document, but this one has several'
            : `invalid ${isJson ? 'JSON' : 'YAML'}: ${lowerFirst(error.message)}`,
        location: place(error.pos[0], error.pos[1]),
      })),
    );
  }

  let data: unknown;
  try {
    data = document.toJS();
  } catch (error) {
    // Aliases expanded beyond the parser's limit: a syntax-level problem of the file as a whole.
    throw new ConfigError([
      {
        message: `invalid YAML: ${lowerFirst((error as Error).message)}`,
        location: { file, line: 1, column: 1 },
      },
    ]);
  }

  const sourceOf = (shape: Document, values: unknown): ConfigSource => ({
    file,
    document: shape,
    data: values,
    locate(path, locateOptions = {}) {
      const node = nodeAt(shape, path, locateOptions.key === true);
      if (!node?.range) return { file, line: 1, column: 1 };
      const [start, end] = node.range;
      const within = locateOptions.within;
      if (within !== undefined && isScalar(node)) {
        const offset = nthIndexOf(text.slice(start, end), within.text, within.occurrence);
        if (offset !== -1) return place(start + offset, start + offset + within.text.length);
      }
      return place(start, end, isCollection(node));
    },
    without(paths) {
      // Cloned nodes keep their ranges in the original text, so places stay true.
      const pruned = shape.clone();
      try {
        for (const path of deletionOrder(paths)) {
          if (!pruned.deleteIn(path)) return undefined;
        }
        return sourceOf(pruned, pruned.toJS());
      } catch {
        return undefined;
      }
    },
  });
  return sourceOf(document, data);
}

/**
 * Paths ordered so that deleting one never moves another: later list entries before earlier
 * ones, a value's inner paths before the value itself; repeats once.
 */
function deletionOrder(paths: readonly (readonly PropertyKey[])[]): (readonly PropertyKey[])[] {
  const unique = new Map(paths.map((path) => [JSON.stringify(path), path]));
  return [...unique.values()].sort((a, b) => {
    for (let index = 0; index < Math.min(a.length, b.length); index++) {
      const left = a[index];
      const right = b[index];
      if (left === right) continue;
      if (typeof left === 'number' && typeof right === 'number') return right - left;
      return String(right).localeCompare(String(left));
    }
    return b.length - a.length;
  });
}

/** The node at `path`, or the deepest node on the way when the path leads nowhere. */
function nodeAt(
  document: Document,
  path: readonly PropertyKey[],
  wantKey: boolean,
): YamlNode | undefined {
  let node = resolveAlias(document, document.contents);
  for (const [index, step] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find(
        (candidate) => isScalar(candidate.key) && String(candidate.key.value) === String(step),
      );
      if (pair === undefined) return node;
      const last = index === path.length - 1;
      const next = last && wantKey ? pair.key : pair.value;
      if (next === null || !isNode(next)) return node;
      node = resolveAlias(document, next);
    } else if (isSeq(node) && typeof step === 'number') {
      const item = node.items[step];
      if (!isNode(item)) return node;
      node = resolveAlias(document, item);
    } else {
      return node ?? undefined;
    }
  }
  return node ?? undefined;
}

function resolveAlias(document: Document, node: unknown): YamlNode | undefined {
  if (isAlias(node)) return node.resolve(document) ?? node;
  return isNode(node) ? node : undefined;
}

function isNode(value: unknown): value is YamlNode {
  return isScalar(value) || isCollection(value) || isAlias(value);
}

/** Index of the `occurrence`-th (0-based) appearance of `needle` in `haystack`, or -1. */
function nthIndexOf(haystack: string, needle: string, occurrence: number): number {
  let index = -1;
  for (let seen = 0; seen <= occurrence; seen++) {
    index = haystack.indexOf(needle, index + 1);
    if (index === -1) return -1;
  }
  return index;
}

function lowerFirst(text: string): string {
  return `${text.charAt(0).toLowerCase()}${text.slice(1)}`;
}
