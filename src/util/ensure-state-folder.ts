import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A project's state folder, `.parascad/`: history, the last run's record, the default cache. */
export function stateFolderOf(projectDir: string): string {
  return join(projectDir, '.parascad');
}

/**
 * Creates parascad's state folder (`.parascad/`: history, cache) and keeps it out of version
 * control with its own `.gitignore`, written once and never overwritten.
 */
export async function ensureStateFolder(folder: string): Promise<void> {
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, '.gitignore'), '# parascad state: render history and cache\n*\n', {
    flag: 'wx',
  }).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  });
}
