import type { z } from 'zod';
import { ConfigError } from '../errors.js';
import type { ConfigProblem } from '../errors.js';
import { issueProblems } from './issue-problems.js';
import type { ConfigSource } from './read-config-source.js';

/**
 * Checks a config file's content against its schema and returns the parsed value, or throws one
 * `ConfigError` with every problem of the file in reading order, each at the text it is about.
 */
export function validateConfig<Schema extends z.ZodType>(
  source: ConfigSource,
  schema: Schema,
): z.output<Schema> {
  const result = schema.safeParse(source.data);
  if (result.success) return result.data;
  const problems = result.error.issues.flatMap((issue) => issueProblems(issue, source, schema));
  throw new ConfigError(problems.sort(byPlace));
}

/** Reading order; zod reports an entry's problems before those of the mapping holding it. */
function byPlace(a: ConfigProblem, b: ConfigProblem): number {
  const line = (a.location?.line ?? 0) - (b.location?.line ?? 0);
  return line !== 0 ? line : (a.location?.column ?? 0) - (b.location?.column ?? 0);
}
