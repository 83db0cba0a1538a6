/** A length for people: up to two decimals, no trailing zeros. */
export function formatNumber(value: number): string {
  return String(Number(value.toFixed(2)));
}
