import { randomBytes } from 'node:crypto';
import { readdir, rename, rm, stat } from 'node:fs/promises';

/**
 * Puts a finished folder in place of `target`, which must be missing, empty, or an earlier folder
 * of the same kind (holding `marker`): the old one is moved aside in one rename, the new one
 * moved in with another, and the old one removed. A reader sees the old folder or the new one,
 * never a half-written one. A folder of the user's own is never replaced.
 *
 * @throws {Error} when `target` is a file or a folder without the marker that is not empty.
 */
export async function replaceFolder(
  finished: string,
  target: string,
  marker: string,
): Promise<void> {
  const existing = await stat(target).catch(() => undefined);
  if (existing === undefined) {
    await rename(finished, target);
    return;
  }
  if (!existing.isDirectory()) throw new Error(`${target} is a file, not a folder`);
  const entries = await readdir(target);
  if (entries.length > 0 && !entries.includes(marker)) {
    throw new Error(
      `${target} is a folder of other files, not an earlier gallery: give a new or empty folder`,
    );
  }
  const aside = `${target}.parascad-old-${process.pid}-${randomBytes(4).toString('hex')}`;
  await rename(target, aside);
  await rename(finished, target);
  await rm(aside, { recursive: true, force: true });
}
