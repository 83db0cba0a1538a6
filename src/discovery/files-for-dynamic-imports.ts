import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { DependencyClosure } from './collect-dependencies.js';

/** What `import()` and `surface()` read. */
const importable = /\.(?:stl|off|obj|amf|3mf|dxf|svg|png|dat|json|csg)$/i;

/**
 * Files a computed filename (`import(str(name, ".stl"))`) may name, for engines that can only see
 * the files they are given: every importable file in the calling file's folder and in the main
 * file's folder — the folders OpenSCAD resolves relative import paths against.
 */
export async function filesForDynamicImports(
  closure: DependencyClosure,
  mainFile: string,
): Promise<string[]> {
  if (closure.dynamicImports.length === 0) return [];
  const folders = new Set([
    dirname(mainFile),
    ...closure.dynamicImports.map((call) => dirname(call.from.file)),
  ]);
  const files: string[] = [];
  for (const folder of folders) {
    const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (entry.isFile() && importable.test(entry.name)) files.push(join(folder, entry.name));
    }
  }
  return files.sort();
}
