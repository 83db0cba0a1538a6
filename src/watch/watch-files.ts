import { existsSync } from 'node:fs';
import { dirname, isAbsolute, relative, sep } from 'node:path';
import { watch as chokidarWatch } from 'chokidar';

/** Folders under the project that never hold a part's input: parascad's state, VCS, packages. */
const skippedFolders = new Set(['.parascad', '.git', 'node_modules']);

/** The watcher of a project's files. */
export interface FileWatcher {
  /** Watches these files too (those outside the project folder: libraries, `../shared`). */
  add(files: Iterable<string>): void;
  /** Resolves once the first scan is done: changes from then on are seen. */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

/**
 * Watches the project folder (for the plan: a config, new `.scad` files, new markers; and the
 * parts' files in it) and, added later, the parts' files outside it, calling `onChange` with the
 * absolute path of every file added, changed or removed. chokidar 5 takes concrete paths, not
 * globs: folders are watched whole, and the caller decides what a path means.
 */
export function watchFiles(
  root: string,
  skip: readonly string[],
  onChange: (path: string) => void,
): FileWatcher {
  const inside = (folder: string, path: string): string | undefined => {
    const rest = relative(folder, path);
    return rest === '' || rest.startsWith('..') || isAbsolute(rest) ? undefined : rest;
  };
  const watcher = chokidarWatch(root, {
    ignoreInitial: true,
    ignored: (path) => {
      if (skip.some((folder) => path === folder || inside(folder, path) !== undefined)) return true;
      const rest = inside(root, path);
      return rest !== undefined && rest.split(sep).some((part) => skippedFolders.has(part));
    },
  });
  const watched = new Set<string>([root]);
  watcher.on('all', (event, path) => {
    if (event === 'add' || event === 'change' || event === 'unlink') onChange(path);
  });
  const ready = new Promise<void>((resolve) =>
    watcher.once('ready', () => {
      resolve();
    }),
  );
  return {
    add: (files) => {
      const fresh: string[] = [];
      for (const file of files) {
        if (inside(root, file) !== undefined) continue;
        // A missing file (a library that may appear) is seen through its folder, when that exists.
        const target = existsSync(file) ? file : dirname(file);
        if (watched.has(target) || !existsSync(target)) continue;
        watched.add(target);
        fresh.push(target);
      }
      if (fresh.length > 0) watcher.add(fresh);
    },
    ready,
    close: () => watcher.close(),
  };
}
