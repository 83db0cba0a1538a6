import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * A generated project of `fileCount` files under `parts/` (named by its `parascad.config.yaml`),
 * each with `modulesPerFile` one-cube marked modules, all including a shared
 * `shared/common.scad` — files 1–5 through a group include `shared/group.scad`, so that editing
 * it reaches exactly their parts. Returns the project folder.
 */
export async function writeMarkedModuleProject(
  folder: string,
  fileCount: number,
  modulesPerFile: number,
): Promise<string> {
  await mkdir(join(folder, 'parts'), { recursive: true });
  await mkdir(join(folder, 'shared'), { recursive: true });
  await writeFile(join(folder, 'parascad.config.yaml'), 'files:\n  - path: parts/*.scad\n');
  await writeFile(join(folder, 'shared', 'common.scad'), 'wall = 1;\n');
  await writeFile(join(folder, 'shared', 'group.scad'), 'include <common.scad>\nlip = 0.5;\n');
  for (let file = 1; file <= fileCount; file++) {
    const include = file <= 5 ? 'group.scad' : 'common.scad';
    const modules = Array.from(
      { length: modulesPerFile },
      (_, index) =>
        `module p${file}_${index}() { //render.model.stl\n  cube([${index + 1}, wall + ${file}, 1]);\n}\n`,
    );
    await writeFile(
      join(folder, 'parts', `f${String(file).padStart(2, '0')}.scad`),
      [`include <../shared/${include}>`, '', ...modules].join('\n'),
    );
  }
  return folder;
}
