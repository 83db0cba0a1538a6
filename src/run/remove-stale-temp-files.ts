import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { tempNameOwner } from './temp-names.js';

/**
 * Removes scratch folders, wrappers and half-written outputs that a parascad process which no
 * longer runs left in these folders (it was killed with SIGKILL, or the machine went down). Files of live processes,
 * such as a second parascad working in the same folder, are left alone.
 */
export async function removeStaleTempFiles(folders: Iterable<string>): Promise<string[]> {
  const removed: string[] = [];
  for (const folder of new Set(folders)) {
    let names: string[];
    try {
      names = await readdir(folder);
    } catch {
      continue;
    }
    for (const name of names) {
      const owner = tempNameOwner(name);
      if (owner === undefined || owner === process.pid || isAlive(owner)) continue;
      await rm(join(folder, name), { recursive: true, force: true });
      removed.push(join(folder, name));
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
