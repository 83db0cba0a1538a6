import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ConfigError, ParascadError } from '../errors.js';

/** The names a project config may have, in the order they are looked for. */
export const projectConfigNames = [
  'parascad.config.yaml',
  'parascad.config.yml',
  'parascad.config.json',
] as const;

/**
 * The absolute path of the project config in `folder`, or undefined when it has none.
 *
 * Looks for `parascad.config.yaml`, `parascad.config.yml` and `parascad.config.json`. More than
 * one is a `ConfigError` naming them: which one the user edits is anyone's guess, so parascad
 * does not pick one silently.
 */
export async function findProjectConfig(folder: string): Promise<string | undefined> {
  const found: string[] = [];
  for (const name of projectConfigNames) {
    if (await isFile(join(resolve(folder), name))) found.push(name);
  }
  if (found.length > 1) {
    const names = `${found.length === 2 ? 'both ' : ''}${found.slice(0, -1).join(', ')} and ${found.at(-1) ?? ''}`;
    throw new ConfigError([
      {
        message: `ambiguous project config: ${resolve(folder)} has ${names}`,
        hint: 'keep one of them; parascad reads one config per folder',
      },
    ]);
  }
  return found[0] === undefined ? undefined : join(resolve(folder), found[0]);
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return false;
    throw new ParascadError(
      'CONFIG_INVALID',
      `Config file ${path} cannot be read (${(error as Error).message})`,
      'Check the permissions of the project folder.',
    );
  }
}
