/**
 * A part's name: its module (or, for a whole file, the file's base name), then `-<set>` for a
 * customizer set, then `-<variable><value>` for each matrix variable in the matrix's order —
 * `lid`, `lid-small`, `lid-size10-wall1.2`. The set and matrix pieces are sanitised so that the
 * name is safe in a file name: characters outside `[A-Za-z0-9._-]` become `_`.
 */
export function partName(
  base: string,
  setName: string | undefined,
  matrix: readonly (readonly [variable: string, valueText: string])[],
): string {
  const pieces = [base];
  if (setName !== undefined) pieces.push(setName);
  for (const [variable, value] of matrix) pieces.push(`${variable}${value}`);
  return pieces.map(sanitise).join('-');
}

function sanitise(piece: string): string {
  return piece.replace(/[^A-Za-z0-9._-]/gu, '_');
}
