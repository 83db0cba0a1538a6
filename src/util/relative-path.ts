import { isAbsolute, relative, sep } from 'node:path';

/** `file` relative to `folder`, with `/` separators on every system (a relative `file` as given). */
export function relativePath(folder: string, file: string): string {
  return (isAbsolute(file) ? relative(folder, file) : file).split(sep).join('/');
}
