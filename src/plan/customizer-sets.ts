import { basename, dirname } from 'node:path';
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import type { YAMLMap } from 'yaml';
import type { ConfigLocation } from '../config/project-config.js';
import { jsonSyntaxProblem } from '../config/json-syntax-problem.js';
import { ConfigError } from '../errors.js';
import type { ConfigProblem } from '../errors.js';
import { readRegularText } from '../util/read-regular-file.js';

/** One variable's value in a parameter set, as the file writes it. */
export interface ParameterSetValue {
  /** The value's text: OpenSCAD's customizer stores every value as a string. */
  readonly text: string;
  /** Where the variable's key is in the JSON file. */
  readonly at: ConfigLocation;
}

/** One named set of an OpenSCAD customizer file. */
export interface ParameterSet {
  readonly name: string;
  /** Where the set's name is in the JSON file. */
  readonly at: ConfigLocation;
  /** Variable name → value, in file order. */
  readonly values: ReadonlyMap<string, ParameterSetValue>;
}

/** The parameter sets of one OpenSCAD customizer JSON file. */
export interface ParameterSets {
  /** Absolute path of the JSON file. */
  readonly file: string;
  /** Set name → set, in file order. */
  readonly sets: ReadonlyMap<string, ParameterSet>;
}

const formatHint =
  'OpenSCAD writes them as { "parameterSets": { "NAME": { "variable": "value", … } }, "fileFormatVersion": "1" }';

/**
 * Reads an OpenSCAD customizer file (`openscad -p FILE -P SET`, or the customizer's "save
 * preset"): `{ "parameterSets": { "name": { "var": "value", … } }, "fileFormatVersion": "1" }`.
 * Values are kept as the text the file holds; JSON numbers and booleans, which OpenSCAD also
 * reads, are kept as their JSON text.
 *
 * Where OpenSCAD silently renders the defaults, this throws a `ConfigError`: a missing or
 * unreadable file and an empty `parameterSets` are placed at `at` (the config value that named
 * the file); invalid JSON, a set that is not an object and a value that is not text are placed
 * in the JSON file itself.
 */
export async function readParameterSets(
  jsonFile: string,
  at?: ConfigLocation,
): Promise<ParameterSets> {
  const name = basename(jsonFile);
  const where = at === undefined ? {} : { location: at };
  let text: string;
  try {
    text = await readRegularText(jsonFile);
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new ConfigError([
      {
        message: missing
          ? `parameter set file ${name} does not exist`
          : `parameter set file ${name} cannot be read (${(error as Error).message})`,
        ...where,
        hint: `it is looked up in ${dirname(jsonFile)}`,
      },
    ]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError([invalidJson(jsonFile, text, (error as Error).message, at)]);
  }
  const parameterSets = isObject(json) ? json['parameterSets'] : undefined;
  if (!isObject(parameterSets)) {
    throw new ConfigError([
      {
        message: `${name} has no "parameterSets" object, so it is not an OpenSCAD customizer file`,
        ...where,
        hint: formatHint,
      },
    ]);
  }
  if (Object.keys(parameterSets).length === 0) {
    throw new ConfigError([
      { message: `${name} defines no parameter sets`, ...where, hint: formatHint },
    ]);
  }

  const positions = new JsonPositions(jsonFile, text);
  const problems: ConfigProblem[] = [];
  const sets = new Map<string, ParameterSet>();
  for (const [setName, written] of Object.entries(parameterSets)) {
    const setAt = positions.key([setName]);
    if (!isObject(written)) {
      problems.push({
        message: `parameter set "${setName}" in ${name} is not an object of variable values`,
        location: setAt,
        hint: formatHint,
      });
      continue;
    }
    const values = new Map<string, ParameterSetValue>();
    for (const [variable, value] of Object.entries(written)) {
      const valueAt = positions.key([setName, variable]);
      if (typeof value === 'string') {
        values.set(variable, { text: value, at: valueAt });
      } else if (typeof value === 'number' || typeof value === 'boolean') {
        values.set(variable, { text: JSON.stringify(value), at: valueAt });
      } else {
        problems.push({
          message: `parameter set "${setName}" gives ${variable} ${value === null ? 'null' : Array.isArray(value) ? 'a JSON list' : 'a JSON object'}, but a customizer value is text`,
          location: valueAt,
          hint: `write it as OpenSCAD would, e.g. "${variable}": "[1, 2]"`,
        });
      }
    }
    sets.set(setName, { name: setName, at: setAt, values });
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return { file: jsonFile, sets };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The problem for unparsable JSON, worded and placed as the config loader does it. */
function invalidJson(
  jsonFile: string,
  text: string,
  reason: string,
  at: ConfigLocation | undefined,
): ConfigProblem {
  const problem = jsonSyntaxProblem(text);
  const location =
    problem === undefined
      ? at
      : { file: jsonFile, ...new LineCounterAt(text).position(problem.offset) };
  return {
    message: `${basename(jsonFile)} is not valid JSON: ${problem?.message ?? reason}`,
    ...(location === undefined ? {} : { location }),
  };
}

/** Line and column of offsets in a text. */
class LineCounterAt {
  private readonly counter = new LineCounter();

  constructor(text: string) {
    parseDocument(text, { lineCounter: this.counter });
  }

  position(offset: number): { line: number; column: number } {
    const { line, col } = this.counter.linePos(offset);
    return { line, column: col };
  }
}

/** Places of keys in a JSON text, found through the YAML parser (JSON is YAML). */
class JsonPositions {
  private readonly counter = new LineCounter();
  private readonly root: unknown;

  constructor(
    private readonly file: string,
    text: string,
  ) {
    this.root = parseDocument(text, { lineCounter: this.counter, uniqueKeys: false }).get(
      'parameterSets',
      true,
    );
  }

  /** Where the key at `path` under `parameterSets` is written (the file's start if not found). */
  key(path: readonly string[]): ConfigLocation {
    let node: unknown = this.root;
    let range: readonly number[] | undefined;
    for (const key of path) {
      const pair = isMap(node) ? lastPair(node, key) : undefined;
      if (pair === undefined) return { file: this.file, line: 1, column: 1 };
      range = isScalar(pair.key) ? (pair.key.range ?? undefined) : undefined;
      node = pair.value;
    }
    const [start = 0, end = start] = range ?? [];
    const { line, col } = this.counter.linePos(start);
    return { file: this.file, line, column: col, length: end - start };
  }
}

/** JSON.parse keeps the last of repeated keys; so does this. */
function lastPair(map: YAMLMap, key: string): YAMLMap['items'][number] | undefined {
  return map.items.findLast((pair) => isScalar(pair.key) && pair.key.value === key);
}
