import { ConfigError } from '../errors.js';
import type { ConfigProblem } from '../errors.js';

/**
 * A config with problems, and what is left of it once the offending values are dropped: enough
 * for the next checks (files, modules, parameter sets) to run too, so that every problem of a
 * config is reported in one run rather than in rounds.
 */
export class IncompleteConfigError<T> extends ConfigError {
  constructor(
    problems: readonly ConfigProblem[],
    /** The config without the values the problems are about. */
    readonly usable: T,
  ) {
    super(problems);
  }
}
