import { lstat, mkdir, realpath } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { makeFolder } from '../util/make-folder.js';

/**
 * Creates the folder an output goes into, one level at a time below the output folder, and
 * refuses one that leads out of it: a subfolder that is a symlink (or a file) pointing elsewhere
 * would otherwise let an output template write outside the output folder. The output folder itself
 * may be a symlink: the user chose it. Throws an `Error` saying what was refused.
 */
export async function makeOutputFolder(folder: string, outDir: string): Promise<void> {
  await makeFolder(outDir);
  const root = await realpath(outDir);
  const below = relative(outDir, folder);
  if (below.startsWith('..') || isAbsolute(below)) {
    throw new Error(`${folder} is outside the output folder ${outDir}`);
  }
  let current = outDir;
  for (const name of below === '' ? [] : below.split(sep)) {
    current = join(current, name);
    const entry = await lstat(current).catch((error: unknown) => {
      if (errorCode(error) === 'ENOENT') return undefined;
      throw error;
    });
    if (entry === undefined) {
      await mkdir(current).catch((error: unknown) => {
        if (errorCode(error) !== 'EEXIST') throw error;
      });
    }
    const real = await realpath(current);
    if (real !== root && !real.startsWith(`${root}${sep}`)) {
      throw new Error(
        `refused to write into ${current}: it leads out of the output folder ${outDir} (to ${real})`,
      );
    }
    if (!(await lstat(real)).isDirectory()) {
      throw new Error(`refused to write into ${current}: it is not a folder`);
    }
  }
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}
