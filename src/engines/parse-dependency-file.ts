import { resolve } from 'node:path';

/**
 * The files listed in a make-style dependency file, as OpenSCAD's `-d` writes it
 * (`target: \` then one file per line, spaces escaped with `\`), resolved against `cwd` and
 * normalised (the WASM build writes `a/sub/../b.scad`). The target (the first output) is left out.
 */
export function parseDependencyFile(text: string, cwd: string): string[] {
  const joined = text.replace(/\\\r?\n/g, ' ');
  const colon = joined.search(/:(\s|$)/);
  if (colon === -1) return [];
  const files: string[] = [];
  let current = '';
  const rest = joined.slice(colon + 1);
  for (let index = 0; index < rest.length; index++) {
    const char = rest.charAt(index);
    if (char === '\\' && index + 1 < rest.length && /[ \t#\\]/.test(rest.charAt(index + 1))) {
      current += rest.charAt(++index);
    } else if (/\s/.test(char)) {
      if (current !== '') files.push(current);
      current = '';
    } else if (char === '$' && rest.charAt(index + 1) === '$') {
      current += '$';
      index++;
    } else {
      current += char;
    }
  }
  if (current !== '') files.push(current);
  return [...new Set(files.map((file) => resolve(cwd, file)))];
}
