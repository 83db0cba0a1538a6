import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** The font files fontconfig reads: TrueType, OpenType (and their collections) and Type 1. */
const fontFile = /\.(?:ttf|otf|ttc|otc|pfb)$/i;

/**
 * Every font file under the given folders, recursively, as paths under those folders (not
 * resolved through symlinks: fontconfig lists a font where it finds it). Symlinked folders are
 * followed once, so a link back up the tree ends the walk; folders that cannot be read are
 * passed over, as fontconfig does.
 */
export async function listFontFiles(folders: readonly string[]): Promise<string[]> {
  const visited = new Set<string>();
  const found = new Set<string>();
  const walk = async (folder: string): Promise<void> => {
    let real: string;
    let entries: Dirent[];
    try {
      real = await realpath(folder);
      if (visited.has(real)) return;
      visited.add(real);
      entries = await readdir(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(folder, entry.name);
      const kind = entry.isSymbolicLink() ? await kindOf(path) : entry;
      if (kind?.isDirectory() === true) await walk(path);
      else if (kind?.isFile() === true && fontFile.test(entry.name)) found.add(path);
    }
  };
  for (const folder of folders) await walk(folder);
  return [...found];
}

async function kindOf(
  path: string,
): Promise<{ isDirectory(): boolean; isFile(): boolean } | undefined> {
  try {
    return await stat(path);
  } catch {
    return undefined;
  }
}
