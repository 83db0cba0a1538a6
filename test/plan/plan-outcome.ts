import { expect } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import type { ConfigProblem } from '../../src/errors.js';

/** The problems of the `ConfigError` a planning call threw; fails the test when it returned. */
export async function problemsOf(planning: Promise<unknown>): Promise<readonly ConfigProblem[]> {
  const error = await planning.then(
    () => expect.fail('planning returned instead of throwing'),
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return (error as ConfigError).problems;
}
