import { basename, relative } from 'node:path';
import type { RenderJob } from './render-job.js';

/** A part as problems name it: its name and its file relative to the project, `lid (parts/box.scad)`. */
export function describePart(
  job: Pick<RenderJob, 'name' | 'scadFile'>,
  projectDir: string,
): string {
  return `${job.name} (${projectPath(job.scadFile, projectDir)})`;
}

/** A path relative to the project folder with `/` separators, as problems show it. */
export function projectPath(path: string, projectDir: string): string {
  return relative(projectDir, path).split('\\').join('/');
}

/** A scad file's name without its `.scad` suffix, as `{file}` and whole-file parts name it. */
export function fileBase(file: string): string {
  return basename(file).replace(/\.scad$/i, '');
}
