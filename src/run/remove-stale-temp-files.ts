import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { tempNameOwner } from './temp-names.js';

/**
 * Removes scratch folders, wrappers and half-written outputs that a parascad process which no
 * longer runs left in these folders (it was killed with SIGKILL, or the machine went down). Files of live processes,
 * such as a second parascad working in the same folder, are left alone.
 */
export async function removeStaleTempFiles(folders: Iterable<string>): Promise<string[]> {
  const removed = await Promise.all([...new Set(folders)].map(removeStaleIn));
  return removed.flat();
}

async function removeStaleIn(folder: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const owner = tempNameOwner(name);
    if (owner === undefined || owner === process.pid || isAlive(owner)) continue;
    try {
      await rm(join(folder, name), { recursive: true, force: true });
      removed.push(join(folder, name));
    } catch {
      // Not ours to remove (another user's folder): left, as before this run.
    }
  }
  return removed;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
