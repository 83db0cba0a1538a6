import type { ConfigProblem } from '../errors.js';

/**
 * Problems in reading order: by file (in the order the files first appear among the problems,
 * so a config's own problems stay before those of the files it names), then by line and column.
 * Problems at one place keep their order.
 */
export function inReadingOrder(problems: readonly ConfigProblem[]): ConfigProblem[] {
  const files = [...new Set(problems.map((problem) => problem.location?.file))];
  const fileRank = (problem: ConfigProblem): number => files.indexOf(problem.location?.file);
  return [...problems].sort(
    (a, b) =>
      fileRank(a) - fileRank(b) ||
      (a.location?.line ?? 0) - (b.location?.line ?? 0) ||
      (a.location?.column ?? 0) - (b.location?.column ?? 0),
  );
}
