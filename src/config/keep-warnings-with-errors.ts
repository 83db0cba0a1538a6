import { ConfigError, type ConfigProblem } from '../errors.js';

/**
 * Runs a planning step that reports warnings as it goes, and gives a `ConfigError` it throws the
 * warnings found so far, so that they are printed with the errors, not after the errors are fixed.
 */
export async function keepWarningsWithErrors<T>(
  warnings: readonly ConfigProblem[],
  step: () => Promise<T>,
): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (!(error instanceof ConfigError) || warnings.length === 0) throw error;
    throw new ConfigError(error.problems, [...warnings, ...error.warnings]);
  }
}
