import { randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureStateFolder } from '../util/ensure-state-folder.js';

/**
 * Why the project's state folder cannot be written (an error code such as `EROFS`), or undefined
 * when it can. Asked once per run, so that a read-only project says it once, not once for every
 * file parascad would have kept there.
 */
export async function stateFolderProblem(folder: string): Promise<string | undefined> {
  try {
    await ensureStateFolder(folder);
    const probe = join(folder, `.write-${process.pid}-${randomBytes(4).toString('hex')}`);
    await writeFile(probe, '');
    await rm(probe, { force: true });
    return undefined;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? String(error);
  }
}
