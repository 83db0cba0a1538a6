import type { ConfigLocation, Located } from '../../src/config/project-config.js';

/**
 * Builds located config values as a loader would, for a config file that tests describe
 * directly (the YAML itself is not needed to plan): `at(3, 9)` is line 3, column 9.
 */
export function configValues(file: string): {
  at: (line: number, column?: number, length?: number) => ConfigLocation;
  value: <T>(value: T, line: number, column?: number, length?: number) => Located<T>;
} {
  const at = (line: number, column = 1, length?: number): ConfigLocation => ({
    file,
    line,
    column,
    ...(length === undefined ? {} : { length }),
  });
  return { at, value: (value, line, column, length) => ({ value, at: at(line, column, length) }) };
}
