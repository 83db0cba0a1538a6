import { spawnSync } from 'node:child_process';
import { chmod, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Makes a folder read-only for this process until the returned function is called. As root (CI),
 * where permissions do not stop writes, through a read-only bind mount of the folder on itself;
 * otherwise by taking the write permission away.
 */
export async function makeReadOnly(folder: string): Promise<() => Promise<void>> {
  if (process.getuid?.() === 0) {
    const bind = spawnSync('mount', ['--bind', folder, folder], { encoding: 'utf8' });
    const readOnly =
      bind.status === 0
        ? spawnSync('mount', ['-o', 'remount,ro,bind', folder], { encoding: 'utf8' })
        : bind;
    if (readOnly.status !== 0) {
      if (bind.status === 0) spawnSync('umount', [folder]);
      throw new Error(`could not mount ${folder} read-only: ${readOnly.stderr}`);
    }
    return () => {
      spawnSync('umount', [folder]);
      return Promise.resolve();
    };
  }
  const folders = await foldersUnder(folder);
  for (const each of folders) await chmod(each, 0o555);
  return async () => {
    for (const each of folders) await chmod(each, 0o755);
  };
}

async function foldersUnder(folder: string): Promise<string[]> {
  const found = [folder];
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    if (entry.isDirectory()) found.push(...(await foldersUnder(join(folder, entry.name))));
  }
  return (await stat(folder)).isDirectory() ? found : [];
}
