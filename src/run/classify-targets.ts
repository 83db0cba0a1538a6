import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ParascadError } from '../errors.js';

/** What the positional arguments of `render`/`list` name. */
export interface Targets {
  /** A project config (`parascad.config.yaml`, `render_config.yml`, …). */
  readonly config?: string;
  /** A folder to look for the project in. */
  readonly folder?: string;
  /** Scad files or globs of them: what to render, or with a config, which of its parts. */
  readonly files: readonly string[];
  /** Part names or globs of them (`lid*`). */
  readonly names: readonly string[];
}

/** Characters that make an argument a glob. */
export const globCharacters = /[*?[\]{}]/;

/**
 * Sorts positional arguments: a `.yml`/`.yaml`/`.json` file or a classic `renderer.py` is a config, an existing folder is the
 * project folder, a `.scad` path or a glob with a slash is a file selection, anything else (`lid`,
 * `lid*`) is a part name.
 */
export async function classifyTargets(args: readonly string[], cwd: string): Promise<Targets> {
  const configs: string[] = [];
  const folders: string[] = [];
  const files: string[] = [];
  const names: string[] = [];
  for (const arg of args) {
    if (/\.(ya?ml|json)$/i.test(arg) || /(^|[\\/])renderer\.py$/.test(arg)) configs.push(arg);
    else if (/\.scad$/i.test(arg) || (globCharacters.test(arg) && /[\\/]/.test(arg)))
      files.push(arg);
    else if ((await stat(resolve(cwd, arg)).catch(() => undefined))?.isDirectory())
      folders.push(arg);
    else if (/[\\/]/.test(arg)) {
      throw new ParascadError(
        'USAGE',
        `${arg} is neither a .scad file, a config file nor a folder`,
      );
    } else names.push(arg);
  }
  const single = (kind: string, found: readonly string[]): string | undefined => {
    if (found.length > 1) {
      throw new ParascadError(
        'USAGE',
        `Give one ${kind}, not ${found.length}: ${found.join(', ')}`,
      );
    }
    return found[0];
  };
  const config = single('config file', configs);
  const folder = single('project folder', folders);
  return {
    ...(config === undefined ? {} : { config }),
    ...(folder === undefined ? {} : { folder }),
    files,
    names,
  };
}
