import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { makeFolder } from './make-folder.js';

/** Where a run keeps its state when the project's own folder should not hold it. */
export interface StateFolderOptions {
  /** A folder for the state of any number of projects (`--state-dir`), relative to cwd. */
  readonly stateDir?: string | undefined;
  /** Read for `PARASCAD_STATE_DIR`. @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
  readonly cwd?: string | undefined;
}

/**
 * A project's state folder: history, the last run's record, the default cache. `.parascad/` in
 * the project, or — with `--state-dir` / `PARASCAD_STATE_DIR`, for read-only projects and CI — a
 * folder of its own inside that one, named after the project and a digest of its path so that
 * several projects can share it without mixing their render times.
 */
export function stateFolderOf(projectDir: string, options: StateFolderOptions = {}): string {
  const env = options.env ?? process.env;
  const given =
    options.stateDir ?? (env['PARASCAD_STATE_DIR'] === '' ? undefined : env['PARASCAD_STATE_DIR']);
  if (given === undefined) return join(projectDir, '.parascad');
  const project = resolve(projectDir);
  const digest = createHash('sha256').update(project).digest('hex').slice(0, 12);
  return join(
    resolve(options.cwd ?? process.cwd(), given),
    `${basename(project) || 'root'}-${digest}`,
  );
}

/**
 * Creates parascad's state folder (`.parascad/`: history, cache) and keeps it out of version
 * control with its own `.gitignore`, written once and never overwritten.
 */
export async function ensureStateFolder(folder: string): Promise<void> {
  await makeFolder(folder);
  await writeFile(join(folder, '.gitignore'), '# parascad state: render history and cache\n*\n', {
    flag: 'wx',
  }).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  });
}
