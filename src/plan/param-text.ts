import type { ParamValue } from '../config/project-config.js';

/**
 * A parameter's value as it reads in part names and output paths: numbers as JavaScript writes
 * them (`10`, `1.2`), strings without quotes, `true`/`false`, `undef` for null, and a list's
 * items joined by `x` (`[10, 20]` → `10x20`, as sizes are usually written).
 */
export function paramText(value: ParamValue): string {
  if (value === null) return 'undef';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return value.map(paramText).join('x');
}
