import type { ParamValue } from '../config/project-config.js';

// A lone UTF-16 surrogate cannot be written as UTF-8, which is how OpenSCAD reads its source.
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * A value as OpenSCAD source, for `-D name=<source>` or an assignment in a generated program:
 * numbers as JavaScript writes them (OpenSCAD reads `1e-7` and `1e+21` alike), `true`/`false`,
 * `undef` for null, strings double-quoted with `\\`, `"`, newline, tab and carriage return
 * escaped the way OpenSCAD's lexer reads them (any other character, Unicode included, is
 * written as it is), and lists as `[a, b]`, recursively.
 *
 * @throws RangeError for what OpenSCAD source cannot hold: NaN and infinite numbers (OpenSCAD
 * has no literal for them), strings with a NUL character (a command-line argument cannot carry
 * it) or a lone UTF-16 surrogate (not representable in UTF-8).
 */
export function scadLiteral(value: ParamValue): string {
  if (value === null) return 'undef';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new RangeError(`${String(value)} is not a number OpenSCAD can read`);
    }
    // -0 prints as "0": OpenSCAD would read "-0" as 0 negated, which is the same value.
    return String(value);
  }
  if (typeof value === 'string') {
    if (value.includes('\0')) throw new RangeError('a string for OpenSCAD cannot hold a NUL');
    if (loneSurrogate.test(value)) {
      throw new RangeError('a string for OpenSCAD cannot hold a lone UTF-16 surrogate');
    }
    return `"${value.replace(/[\\"\n\t\r]/g, escape)}"`;
  }
  return `[${value.map(scadLiteral).join(', ')}]`;
}

function escape(char: string): string {
  switch (char) {
    case '\n':
      return '\\n';
    case '\t':
      return '\\t';
    case '\r':
      return '\\r';
    default:
      return `\\${char}`;
  }
}
