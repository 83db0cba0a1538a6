import { basename } from 'node:path';
import type { core } from 'zod';
import type { ConfigProblem } from '../errors.js';
import { didYouMean } from '../util/did-you-mean.js';
import { fittingBranch } from './fitting-branch.js';
import { knownKeysAt } from './known-keys-at.js';
import type { ConfigSource, LocateOptions } from './read-config-source.js';
import { valueAt } from './value-at.js';

/**
 * What a custom issue of a config schema may carry in its `params`, to word and place its
 * problem: schemas say what is wrong, {@link issueProblems} says where.
 */
export interface ProblemParams {
  readonly hint?: string;
  /** Start the message with the value's path, e.g. `files[0].output has …`. */
  readonly withPath?: boolean;
  /** End the message with what was found, e.g. `…, got "2 lids"`. */
  readonly withValue?: boolean;
  /** Point at the key of the value (a name) rather than at the value. */
  readonly atKey?: boolean;
  /** Point at this piece of a string value (its `occurrence`-th appearance, from 0). */
  readonly within?: LocateOptions['within'];
}

/**
 * Turns one zod issue of a config file into problems placed at the text they are about.
 *
 * Schema messages say what is expected (`must be a positive integer`); this adds the value's path
 * and what was found: `threads must be a positive integer, got "four"`. A missing key is
 * `… is required` at the mapping that lacks it; an unknown key gets a "did you mean" from the
 * keys the schema declares there; a value not among the allowed ones gets the closest one. For a
 * union, the problems of the branch the value's type fits are reported (a list whose third item
 * is wrong is about that item), or the union's own message when no branch fits.
 */
export function issueProblems(
  issue: core.$ZodIssue,
  source: ConfigSource,
  schema: core.$ZodType,
  prefix: readonly PropertyKey[] = [],
): ConfigProblem[] {
  const path = [...prefix, ...issue.path.filter((key) => typeof key !== 'symbol')];
  const name = label(path, source.file);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = knownKeysAt(schema, path) ?? [];
      return issue.keys.map((key) => {
        const guess = didYouMean(key, known);
        return {
          message: `unknown key "${key}"${path.length === 0 ? '' : ` in ${name}`}`,
          location: source.locate([...path, key], { key: true }),
          ...(guess !== undefined
            ? { hint: `did you mean ${guess}?` }
            : known.length > 0
              ? { hint: `known keys: ${known.join(', ')}` }
              : {}),
        };
      });
    }
    case 'invalid_union': {
      const branch = fittingBranch(issue.errors);
      if (branch !== undefined) {
        return branch.flatMap((inner) => issueProblems(inner, source, schema, path));
      }
      break;
    }
    case 'invalid_key':
      return issue.issues.map((inner) => {
        const params = problemParams(inner);
        return {
          message: `${name} ${inner.message}`,
          location: source.locate(path, { key: true }),
          ...(params.hint === undefined ? {} : { hint: params.hint }),
        };
      });
    case 'custom': {
      const params = problemParams(issue);
      const options: LocateOptions = {
        ...(params.atKey === true ? { key: true } : {}),
        ...(params.within === undefined ? {} : { within: params.within }),
      };
      const found =
        params.withValue === true ? `, got ${describe(valueAt(source.data, path))}` : '';
      return [
        {
          message: `${params.withPath === true ? `${name} ` : ''}${issue.message}${found}`,
          location: source.locate(path, options),
          ...(params.hint === undefined ? {} : { hint: params.hint }),
        },
      ];
    }
    default:
      break;
  }

  const value = valueAt(source.data, path);
  if (value === undefined) {
    return [{ message: `${name} is required`, location: source.locate(path.slice(0, -1)) }];
  }
  const guess = typeof value === 'string' ? didYouMean(value, allowedValues(issue)) : undefined;
  return [
    {
      message: `${name} ${issue.message}, got ${describe(value)}`,
      location: source.locate(path),
      ...(guess === undefined ? {} : { hint: `did you mean ${guess}?` }),
    },
  ];
}

/** The values an enum (or an enum branch of a union) allows, for "did you mean". */
function allowedValues(issue: core.$ZodIssue): string[] {
  if (issue.code === 'invalid_value') return issue.values.map(String);
  if (issue.code !== 'invalid_union') return [];
  return issue.errors.flatMap((branch) =>
    branch.filter((inner) => inner.path.length === 0).flatMap(allowedValues),
  );
}

function problemParams(issue: core.$ZodIssue): ProblemParams {
  return issue.code === 'custom' ? ((issue.params ?? {}) as ProblemParams) : {};
}

/** `models[2].suffix` for a path, or the file's name for the document itself. */
function label(path: readonly PropertyKey[], file: string): string {
  if (path.length === 0) return basename(file);
  return path
    .map((key, index) => {
      if (typeof key === 'number') return `[${key}]`;
      const text = String(key);
      if (!/^[$A-Za-z_][$\w]*$/.test(text)) return `[${JSON.stringify(text)}]`;
      return index === 0 ? text : `.${text}`;
    })
    .join('');
}

/** A value found in the file, worded for "got …". */
function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' && !Number.isFinite(value)) {
    // Only YAML can write these, and it spells them .inf, -.inf and .nan.
    return Number.isNaN(value) ? '.nan' : `${value < 0 ? '-' : ''}.inf`;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null) return 'nothing';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
  return Object.keys(value as object).length === 0 ? 'an empty mapping' : 'a mapping';
}
