import { basename } from 'node:path';
import type { ParamValue } from '../config/project-config.js';
import type { ConfigProblem } from '../errors.js';
import { didYouMean } from '../util/did-you-mean.js';
import type { ParameterSet, ParameterSetValue } from './customizer-sets.js';
import { parseScadLiteral } from './parse-scad-literal.js';
import { scadLiteral } from './scad-literal.js';
import type { TopLevelAssignment } from './top-level-assignments.js';

/** A variable a parameter set gives a part. */
export interface SetVariable {
  /** The value as OpenSCAD source. */
  readonly source: string;
  /** The value as the set writes it, for names and output paths. */
  readonly text: string;
}

const numberText = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * A customizer set's values as OpenSCAD source, typed the way `openscad -p FILE -P SET` types
 * them: by the type of the variable's default at the top level of the scad file. A string
 * default takes the text as a string, as it is; a number default a number (spaces around it and
 * a sign allowed); a boolean default `true`/`false` or `1`/`0`; a list default a list written
 * as OpenSCAD source of numbers, strings, booleans and lists.
 *
 * Where OpenSCAD silently keeps the default — a variable the file does not assign, a value that
 * does not read as the default's type, a default that is not a plain literal — this reports a
 * problem at the value in the JSON file instead. Two deliberate differences from OpenSCAD
 * 2021.01, whose customizer reads list values with its own small parser: parascad reads nested
 * lists and `true`/`false` in lists as OpenSCAD source does (2021.01 ignores nested lists and
 * reads `[true]` as `["true"]`), and refuses unquoted words in lists (2021.01 reads `[a, b]` as
 * `["a", "b"]`).
 */
export function parameterSetVariables(
  set: ParameterSet,
  assignments: readonly TopLevelAssignment[],
  scadFile: string,
): { variables: Map<string, SetVariable>; problems: ConfigProblem[] } {
  const defaults = new Map(assignments.map((assignment) => [assignment.name, assignment]));
  const fileName = basename(scadFile);
  const variables = new Map<string, SetVariable>();
  const problems: ConfigProblem[] = [];
  for (const [name, value] of set.values) {
    const assignment = defaults.get(name);
    if (assignment === undefined) {
      const guess = didYouMean(name, [...defaults.keys()]);
      problems.push({
        message: `set "${set.name}" sets ${name}, which ${fileName} does not define`,
        location: value.at,
        hint:
          guess === undefined
            ? `OpenSCAD ignores values of variables the file does not assign at its top level`
            : `did you mean ${guess}?`,
      });
      continue;
    }
    const typed = typedSource(value, assignment);
    if (typeof typed === 'string') {
      variables.set(name, { source: typed, text: value.text });
    } else {
      problems.push({
        message: `set "${set.name}" gives ${name} ${JSON.stringify(value.text)}, ${typed.reason}`,
        location: value.at,
        ...(typed.hint === undefined ? {} : { hint: typed.hint }),
      });
    }
  }
  return { variables, problems };
}

interface Refusal {
  readonly reason: string;
  readonly hint?: string;
}

/** The set's text as OpenSCAD source of the default's type, or why it cannot be. */
function typedSource(value: ParameterSetValue, assignment: TopLevelAssignment): string | Refusal {
  const where = `${basename(assignment.at.file)}:${assignment.at.line}`;
  const silently = 'OpenSCAD would silently render the default instead';
  if (assignment.literal === undefined) {
    return {
      reason: `but its default (${where}) is an expression, so its type is unknown`,
      hint: 'the customizer only offers variables whose default is a literal; set it under params instead',
    };
  }
  const defaultValue = assignment.literal.value;
  const text = value.text;
  const trimmed = text.trim();
  switch (kindOf(defaultValue)) {
    case 'string':
      return literalOrRefusal(text);
    case 'number':
      return numberText.test(trimmed)
        ? literalOrRefusal(Number(trimmed))
        : { reason: `which is not a number like its default (${where})`, hint: silently };
    case 'boolean':
      if (trimmed === 'true' || trimmed === '1') return 'true';
      if (trimmed === 'false' || trimmed === '0') return 'false';
      return {
        reason: `which is not true or false like its default (${where})`,
        hint: silently,
      };
    case 'list': {
      const list = parseScadLiteral(text);
      return Array.isArray(list)
        ? literalOrRefusal(list)
        : {
            reason: `which is not a list like its default (${where})`,
            hint: 'write a list of numbers, "quoted strings", true/false and lists, e.g. [10, "a"]',
          };
    }
    case 'undef':
      return {
        reason: `but its default (${where}) is undef, so its type is unknown`,
        hint: 'set it under params instead',
      };
  }
}

function kindOf(value: ParamValue): 'string' | 'number' | 'boolean' | 'list' | 'undef' {
  if (value === null) return 'undef';
  if (Array.isArray(value)) return 'list';
  return typeof value as 'string' | 'number' | 'boolean';
}

function literalOrRefusal(value: ParamValue): string | Refusal {
  try {
    return scadLiteral(value);
  } catch (error) {
    return { reason: `which OpenSCAD cannot read: ${(error as Error).message}` };
  }
}
