import type { core, z } from 'zod';
import type { ConfigProblem } from '../errors.js';
import { fittingBranch } from './fitting-branch.js';
import { inReadingOrder } from './in-reading-order.js';
import { issueProblems } from './issue-problems.js';
import type { ConfigSource } from './read-config-source.js';
import { valueAt } from './value-at.js';

/** What the schema found in a config file, and the part of the file it accepts. */
export interface SalvagedConfig<Value> {
  /** Every problem the schema finds in the file as written, in reading order. */
  readonly problems: readonly ConfigProblem[];
  /**
   * The file without the values the problems are about, parsed; undefined when what is left
   * cannot be parsed (a required top-level key is wrong or missing).
   */
  readonly value?: Value;
  /** The file the value was parsed from (the pruned one), for placing later problems. */
  readonly source: ConfigSource;
  /** The paths left out of the file, for callers whose later checks need one of them. */
  readonly dropped: readonly (readonly PropertyKey[])[];
}

/** Enough rounds for a value whose removal makes its mapping or list entry fail in turn. */
const maxRounds = 8;

/**
 * Checks a config file against its schema and keeps what is valid, so that the checks that
 * need a parsed config (against the project's files and modules) can still run and every
 * problem of the file is reported in one run, not in rounds.
 *
 * The problems are those of the file as written. Then the values they are about are left out (an
 * unknown key, a wrong value, an entry lacking a required key), and the rest parsed again, until
 * it parses; what leaving out causes (a required key now missing) is not a problem of the file
 * and is not reported.
 */
export function salvageConfig<Schema extends z.ZodType>(
  source: ConfigSource,
  schema: Schema,
): SalvagedConfig<z.output<Schema>> {
  let result = schema.safeParse(source.data);
  if (result.success) return { problems: [], value: result.data, source, dropped: [] };
  const problems = inReadingOrder(
    result.error.issues.flatMap((issue) => issueProblems(issue, source, schema)),
  );
  let pruned = source;
  const dropped: (readonly PropertyKey[])[] = [];
  for (let round = 0; round < maxRounds && !result.success; round++) {
    const paths = result.error.issues.flatMap((issue) => offendingPaths(issue, pruned.data));
    const next = paths.some((path) => path.length === 0) ? undefined : pruned.without(paths);
    if (next === undefined) return { problems, source: pruned, dropped };
    dropped.push(...paths);
    pruned = next;
    result = schema.safeParse(pruned.data);
  }
  return result.success
    ? { problems, value: result.data, source: pruned, dropped }
    : { problems, source: pruned, dropped };
}

/**
 * The values to leave out for one issue: each unknown key, else the value the issue is about
 * (inside the union branch the value fits),
 * or, when that value is missing, the nearest mapping or list entry that holds it.
 */
function offendingPaths(
  issue: core.$ZodIssue,
  data: unknown,
  prefix: readonly PropertyKey[] = [],
): (readonly PropertyKey[])[] {
  const path = [...prefix, ...issue.path.filter((key) => typeof key !== 'symbol')];
  if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => [...path, key]);
  if (issue.code === 'invalid_union') {
    // As `issueProblems` reports them: the problems inside the branch the value fits.
    const branch = fittingBranch(issue.errors);
    if (branch !== undefined) return branch.flatMap((inner) => offendingPaths(inner, data, path));
  }
  let end = path.length;
  while (end > 0 && valueAt(data, path.slice(0, end)) === undefined) end--;
  return [path.slice(0, end)];
}
