import { ConfigError, ParascadError } from '../errors.js';
import type { ConfigProblem } from '../errors.js';
import { inReadingOrder } from './in-reading-order.js';

/**
 * Runs the checks of a config against the project (files, modules, parameter sets), given what
 * was valid of the config, and throws their problems together with the config file's own, in
 * reading order, so that a config's problems come in one run, not in rounds.
 *
 * With problems in the file, a setup error of the checks that is no `ConfigError` (nothing left
 * to render, say) is not reported: it may come of the values the file's problems left out.
 */
export async function reportProblemsTogether<T>(
  fileProblems: readonly ConfigProblem[],
  check: () => Promise<T>,
): Promise<T> {
  let checked: T;
  try {
    checked = await check();
  } catch (error) {
    if (fileProblems.length === 0 || !(error instanceof ParascadError)) throw error;
    const found = error instanceof ConfigError ? error.problems : [];
    throw new ConfigError(inReadingOrder([...fileProblems, ...found]));
  }
  if (fileProblems.length > 0) throw new ConfigError(fileProblems);
  return checked;
}
