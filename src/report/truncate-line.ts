// eslint-disable-next-line no-control-regex -- colour escapes are exactly what this skips over
const colourEscape = /\u001B\[[0-9;]*m/y;

/**
 * Cuts a line to `columns` visible characters, ending it with `…` when something was cut, so a
 * line of the live window never wraps (a wrapped line would throw off the count of lines to
 * erase). Colour escapes take no room and are kept; a cut coloured line ends with a reset.
 * Characters count one column each: the window shows module names (identifiers), numbers and
 * the bar, none of them wide.
 */
export function truncateLine(line: string, columns: number): string {
  if (visibleLength(line) <= columns) return line;
  if (columns < 1) return '';
  let kept = '';
  let visible = 0;
  let coloured = false;
  let index = 0;
  while (index < line.length && visible < columns - 1) {
    colourEscape.lastIndex = index;
    const escape = colourEscape.exec(line);
    if (escape !== null) {
      kept += escape[0];
      coloured = true;
      index += escape[0].length;
      continue;
    }
    const character = String.fromCodePoint(line.codePointAt(index) ?? 0);
    kept += character;
    visible++;
    index += character.length;
  }
  return `${kept}…${coloured ? '\u001B[0m' : ''}`;
}

function visibleLength(line: string): number {
  let length = 0;
  let index = 0;
  while (index < line.length) {
    colourEscape.lastIndex = index;
    const escape = colourEscape.exec(line);
    if (escape !== null) {
      index += escape[0].length;
      continue;
    }
    index += String.fromCodePoint(line.codePointAt(index) ?? 0).length;
    length++;
  }
  return length;
}
