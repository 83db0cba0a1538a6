import type { ParamValue } from '../config/project-config.js';

/**
 * Every combination of a matrix's values: the cross product, one `{ name → value }` per
 * combination, in a stable order — the first variable changes slowest, like nested loops
 * written in the matrix's order. An empty matrix gives one empty combination; a variable
 * without values gives none.
 */
export function expandMatrix(
  matrix: Readonly<Record<string, readonly ParamValue[]>>,
): Record<string, ParamValue>[] {
  let combinations: Record<string, ParamValue>[] = [{}];
  for (const [name, values] of Object.entries(matrix)) {
    combinations = combinations.flatMap((combination) =>
      values.map((value) => ({ ...combination, [name]: value })),
    );
  }
  return combinations;
}
