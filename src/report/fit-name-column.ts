/**
 * Widest a part's name column gets: a 245-character module name would otherwise pad every line of
 * the run to that width. Longer names are shortened in the middle, where variants of one module
 * (`lid-size10-wall1.2`) keep their telling ends.
 */
export const nameColumnWidth = 48;

/** The width of the name column for these names: the longest, at most {@link nameColumnWidth}. */
export function nameColumnFor(names: readonly string[]): number {
  return Math.min(nameColumnWidth, Math.max(0, ...names.map((name) => Array.from(name).length)));
}

/** `name` padded to `width` characters, or shortened in the middle with `…` to fit it. */
export function fitNameColumn(name: string, width: number): string {
  const characters = Array.from(name);
  if (characters.length <= width) return name.padEnd(width + name.length - characters.length);
  if (width < 2) return characters.slice(0, width).join('');
  const head = Math.ceil((width - 1) / 2);
  const tail = width - 1 - head;
  return `${characters.slice(0, head).join('')}…${tail === 0 ? '' : characters.slice(-tail).join('')}`;
}
