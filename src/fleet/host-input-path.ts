import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { libraryPrefix } from '../job/input-path.js';

/**
 * Where a job's input path (see `inputPath`) is on this machine: under the project root, in the
 * first library folder that has it (`<lib>/…`, as OpenSCAD searches them), or as written.
 */
export function hostInputPath(root: string, libraryPaths: readonly string[], path: string): string {
  if (path.startsWith(libraryPrefix)) {
    const inLibrary = path.slice(libraryPrefix.length);
    const found = libraryPaths
      .map((folder) => join(folder, inLibrary))
      .find((file) => existsSync(file));
    return found ?? join(libraryPaths[0] ?? root, inLibrary);
  }
  return isAbsolute(path) ? path : join(root, path);
}
