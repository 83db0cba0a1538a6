import { realpathSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import type { PlatformPath } from 'node:path';

/** Where to look, injectable so every platform's rules can be checked on any host. */
export interface FindLibraryPathsOptions {
  /**
   * Environment holding `OPENSCADPATH`, and `HOME` (`USERPROFILE` on win32) when `homeDir` is not given.
   * @default process.env
   */
  readonly env?: NodeJS.ProcessEnv;
  /**
   * Whose rules apply: the user library folder, the bundle layout and the `OPENSCADPATH` delimiter differ.
   * @default process.platform
   */
  readonly platform?: NodeJS.Platform;
  /**
   * The user's home folder, which holds the user library folder.
   * @default env.HOME (env.USERPROFILE on win32), else os.homedir()
   */
  readonly homeDir?: string;
  /**
   * Path of the native `openscad` executable (or macOS `OpenSCAD.app`) as the engine resolved it; its
   * installation's built-in `libraries` folder is searched. A bare command name is not looked up on `PATH`.
   * @default undefined (only the usual system folders)
   */
  readonly openscadBinary?: string;
  /**
   * Folder that relative `OPENSCADPATH` entries resolve against. OpenSCAD uses its working directory, so
   * an empty entry (`OPENSCADPATH=/a:` or `=:/a`) adds the working directory itself.
   * @default process.cwd()
   */
  readonly cwd?: string;
  /**
   * Existence check for candidate folders.
   * @default a `stat` on the host file system
   */
  readonly isDirectory?: (folder: string) => boolean;
}

/** The Linux system folders distributions install libraries into (Debian's openscad-mcad, `make install`). */
const systemLibraryFolders = [
  '/usr/share/openscad/libraries',
  '/usr/local/share/openscad/libraries',
];

/**
 * OpenSCAD's library search path on this host, in OpenSCAD's own order: every `OPENSCADPATH` entry, the
 * user library folder, the installation's built-in folder, then the usual system folders. Only folders
 * that exist are returned, absolute and without duplicates, so the result can both resolve
 * `include <…>`/`use <…>` and be mirrored into the WebAssembly engine's file system.
 *
 * Mirrors OpenSCAD's `parser_init()`: relative and empty `OPENSCADPATH` entries resolve against the working
 * directory, and the Linux user folder is `$HOME/.local/share/OpenSCAD/libraries` (`XDG_DATA_HOME` is not
 * consulted by OpenSCAD 2021.01 nor by its current source).
 */
export function findLibraryPaths(options: FindLibraryPathsOptions = {}): string[] {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const paths = platform === 'win32' ? path.win32 : path.posix;
  const cwd = options.cwd ?? process.cwd();
  const isDirectory = options.isDirectory ?? isDirectoryOnDisk;
  const home =
    options.homeDir ?? (platform === 'win32' ? env['USERPROFILE'] : env['HOME']) ?? homedir();

  const candidates: string[] = [];
  const openscadPath = env['OPENSCADPATH'];
  if (openscadPath !== undefined) {
    for (const entry of openscadPath.split(platform === 'win32' ? ';' : ':')) {
      candidates.push(paths.resolve(cwd, entry));
    }
  }
  candidates.push(userLibraryFolder(platform, paths, home));
  if (options.openscadBinary !== undefined) {
    const binary = paths.resolve(cwd, options.openscadBinary);
    // Symlinks (Homebrew, /usr/bin alternatives) only resolve on the host's own file system.
    const resolved = platform === process.platform ? realPath(binary) : undefined;
    for (const location of [binary, resolved]) {
      if (location !== undefined)
        candidates.push(...installationLibraryFolders(platform, paths, location));
    }
  }
  if (platform !== 'win32') candidates.push(...systemLibraryFolders);

  const seen = new Set<string>();
  const result: string[] = [];
  for (const candidate of candidates) {
    const normalized = paths.normalize(candidate);
    // Windows paths are case-insensitive: `C:\Lib` and `c:\lib` are one folder.
    const key = platform === 'win32' ? normalized.toLowerCase() : normalized;
    if (seen.has(key)) continue;
    seen.add(key);
    if (isDirectory(normalized)) result.push(normalized);
  }
  return result;
}

function userLibraryFolder(platform: NodeJS.Platform, paths: PlatformPath, home: string): string {
  switch (platform) {
    case 'win32':
    case 'darwin':
      return paths.join(home, 'Documents', 'OpenSCAD', 'libraries');
    default:
      return paths.join(home, '.local', 'share', 'OpenSCAD', 'libraries');
  }
}

/** The `libraries` folders OpenSCAD's resource lookup can find next to the executable. */
function installationLibraryFolders(
  platform: NodeJS.Platform,
  paths: PlatformPath,
  binary: string,
): string[] {
  const folder = paths.dirname(binary);
  switch (platform) {
    case 'win32':
      // The installer puts libraries beside openscad.exe; MSYS2 builds use a Unix layout.
      return [
        paths.join(folder, 'libraries'),
        paths.join(folder, '..', 'share', 'openscad', 'libraries'),
      ];
    case 'darwin':
      if (binary.endsWith('.app'))
        return [paths.join(binary, 'Contents', 'Resources', 'libraries')];
      return [
        paths.join(folder, '..', 'Resources', 'libraries'),
        paths.join(folder, '..', 'share', 'openscad', 'libraries'),
      ];
    default:
      return [
        paths.join(folder, '..', 'share', 'openscad', 'libraries'),
        paths.join(folder, '..', '..', 'share', 'openscad', 'libraries'),
      ];
  }
}

function realPath(file: string): string | undefined {
  try {
    return realpathSync(file);
  } catch {
    return undefined;
  }
}

function isDirectoryOnDisk(folder: string): boolean {
  try {
    return statSync(folder).isDirectory();
  } catch {
    return false;
  }
}
