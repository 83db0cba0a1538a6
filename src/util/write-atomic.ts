import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { makeFolder } from './make-folder.js';

/**
 * Writes a file so that no reader ever sees half of it, even with several processes writing the
 * same name at once: the data goes to a uniquely named file in `tempFolder` (on the same file
 * system) and is renamed into place, which replaces the old file in one step.
 */
export async function writeAtomic(
  file: string,
  data: string | Uint8Array,
  tempFolder: string = dirname(file),
): Promise<void> {
  await makeFolder(tempFolder);
  const temp = join(tempFolder, `.${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temp, data);
    await makeFolder(dirname(file));
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
