import { dirname, sep } from 'node:path';

/** The deepest folder holding every one of the absolute paths (their own folders when one path). */
export function commonFolder(paths: readonly string[]): string | undefined {
  const folders = paths.map((path) => dirname(path).split(sep));
  const [first, ...rest] = folders;
  if (first === undefined) return undefined;
  let length = first.length;
  for (const folder of rest) {
    let same = 0;
    while (same < Math.min(length, folder.length) && folder[same] === first[same]) same++;
    length = same;
  }
  return first.slice(0, length).join(sep) || sep;
}
