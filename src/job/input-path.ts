import { isAbsolute, relative, sep } from 'node:path';

/** Prefix of an input found in OpenSCAD's library path rather than in the project. */
export const libraryPrefix = '<lib>/';

/**
 * How a job names a file it reads, so that the name — and so the part key — is the same on every
 * machine and in every checkout: relative to the project root (with `/`), or, for a library found
 * on OpenSCAD's library path outside the project, `<lib>/` and its path inside that library
 * folder (`<lib>/MCAD/gears.scad`). Anything else stays absolute (an `import("/abs/x.stl")`).
 */
export function inputPath(root: string, libraryPaths: readonly string[], file: string): string {
  const inRoot = inside(root, file);
  if (inRoot !== undefined) return inRoot;
  for (const library of libraryPaths) {
    const inLibrary = inside(library, file);
    if (inLibrary !== undefined) return `${libraryPrefix}${inLibrary}`;
  }
  return file.split(sep).join('/');
}

function inside(folder: string, file: string): string | undefined {
  const path = relative(folder, file);
  if (path === '' || path.startsWith('..') || isAbsolute(path)) return undefined;
  return path.split(sep).join('/');
}
