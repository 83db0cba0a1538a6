import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import path from 'node:path';

export interface FindOnPathOptions {
  /** @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** @default process.platform */
  readonly platform?: NodeJS.Platform;
}

/** The first executable named `command` in the folders of `PATH`, as a shell would run it, or undefined. */
export async function findOnPath(
  command: string,
  options: FindOnPathOptions = {},
): Promise<string | undefined> {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const paths = platform === 'win32' ? path.win32 : path.posix;
  const folders = (env['PATH'] ?? env['Path'] ?? '')
    .split(platform === 'win32' ? ';' : ':')
    .filter((folder) => folder !== '');
  const names = platform === 'win32' ? [`${command}.exe`, `${command}.com`] : [command];
  for (const folder of folders) {
    for (const name of names) {
      const candidate = paths.join(folder, name);
      try {
        await access(candidate, platform === 'win32' ? constants.F_OK : constants.X_OK);
        return candidate;
      } catch {
        // Not here: the next folder.
      }
    }
  }
  return undefined;
}
