import { randomBytes } from 'node:crypto';
import { readdir, rename, rm, stat } from 'node:fs/promises';
import { sep } from 'node:path';

/** Files listed by name in the refusal of a folder holding the user's own; the rest are counted. */
const namedFiles = 5;

/**
 * Puts a finished folder in place of `target`, which must be missing, empty, or an earlier folder
 * of the same kind (holding `marker`, and nothing but what `ours` accepts): the old one is moved
 * aside in one rename, the new one moved in with another, and the old one removed. A reader sees
 * the old folder or the new one, never a half-written one. A folder of the user's own is never
 * replaced, nor an earlier one the user put files of their own into.
 *
 * @param ours Whether a path inside the folder (relative, with `/`) is one the kind writes.
 * @throws {Error} when `target` is a file, a folder without the marker that is not empty, or one
 *   with the marker that holds other files.
 */
export async function replaceFolder(
  finished: string,
  target: string,
  marker: string,
  ours: (path: string) => boolean,
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
  const foreign = (await readdir(target, { recursive: true }))
    .map((name) => name.split(sep).join('/'))
    .filter((name) => !ours(name))
    .sort();
  if (foreign.length > 0) {
    const named = foreign.slice(0, namedFiles).join(', ');
    const more = foreign.length > namedFiles ? ` and ${foreign.length - namedFiles} more` : '';
    throw new Error(
      `${target} is an earlier gallery holding files of your own (${named}${more}), which replacing it would delete: move them out, or give another folder`,
    );
  }
  const aside = `${target}.parascad-old-${process.pid}-${randomBytes(4).toString('hex')}`;
  await rename(target, aside);
  await rename(finished, target);
  await rm(aside, { recursive: true, force: true });
}
