import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import type { PlatformPath } from 'node:path';

/** Where to look, injectable so every platform's rules can be checked on any host. */
export interface FindFontFoldersOptions {
  /**
   * Environment holding `OPENSCAD_FONT_PATH`, `XDG_DATA_HOME` (Linux), `WINDIR` and `LOCALAPPDATA`
   * (Windows), and `HOME` (`USERPROFILE` on win32) when `homeDir` is not given.
   * @default process.env
   */
  readonly env?: NodeJS.ProcessEnv;
  /**
   * Whose folders apply.
   * @default process.platform
   */
  readonly platform?: NodeJS.Platform;
  /**
   * The user's home folder, which holds the user's own fonts.
   * @default env.HOME (env.USERPROFILE on win32), else os.homedir()
   */
  readonly homeDir?: string;
  /**
   * Existence check for candidate folders.
   * @default a `stat` on the host file system
   */
  readonly isDirectory?: (folder: string) => boolean;
}

/**
 * The folders this host keeps its fonts in, the ones the native OpenSCAD finds through fontconfig's
 * usual configuration, so that the WASM engine (which has no fonts of its own) can be given the
 * same fonts. Only folders that exist are returned, absolute and without duplicates, in this order:
 *
 * - every `OPENSCAD_FONT_PATH` entry (OpenSCAD adds these itself, on every platform);
 * - Linux and other Unix: `/usr/share/fonts`, `/usr/local/share/fonts`, `$XDG_DATA_HOME/fonts`,
 *   `~/.local/share/fonts` (fontconfig's `<dir prefix="xdg">fonts</dir>`, and OpenSCAD adds it too)
 *   and `~/.fonts`;
 * - macOS: `/System/Library/Fonts`, `/Library/Fonts`, `~/Library/Fonts`;
 * - Windows: `%WINDIR%\Fonts` and the per-user `%LOCALAPPDATA%\Microsoft\Windows\Fonts`.
 */
export function findFontFolders(options: FindFontFoldersOptions = {}): string[] {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const paths = platform === 'win32' ? path.win32 : path.posix;
  const isDirectory = options.isDirectory ?? isDirectoryOnDisk;
  const home =
    options.homeDir ?? (platform === 'win32' ? env['USERPROFILE'] : env['HOME']) ?? homedir();

  const candidates = [
    ...(env['OPENSCAD_FONT_PATH'] ?? '').split(platform === 'win32' ? ';' : ':'),
    ...platformFolders(platform, paths, env, home),
  ].filter((folder) => folder !== '' && paths.isAbsolute(folder));

  const seen = new Set<string>();
  const result: string[] = [];
  for (const candidate of candidates) {
    const normalized = paths.normalize(candidate).replace(/(?<=.)[\\/]+$/, '');
    // Windows paths are case-insensitive: `C:\Windows\Fonts` and `c:\windows\fonts` are one folder.
    const key = platform === 'win32' ? normalized.toLowerCase() : normalized;
    if (seen.has(key)) continue;
    seen.add(key);
    if (isDirectory(normalized)) result.push(normalized);
  }
  return result;
}

function platformFolders(
  platform: NodeJS.Platform,
  paths: PlatformPath,
  env: NodeJS.ProcessEnv,
  home: string,
): string[] {
  switch (platform) {
    case 'win32': {
      const windows = env['WINDIR'] ?? env['windir'] ?? env['SystemRoot'] ?? 'C:\\Windows';
      const local = env['LOCALAPPDATA'] ?? paths.join(home, 'AppData', 'Local');
      return [paths.join(windows, 'Fonts'), paths.join(local, 'Microsoft', 'Windows', 'Fonts')];
    }
    case 'darwin':
      return ['/System/Library/Fonts', '/Library/Fonts', paths.join(home, 'Library', 'Fonts')];
    default: {
      const xdgDataHome = env['XDG_DATA_HOME'];
      return [
        '/usr/share/fonts',
        '/usr/local/share/fonts',
        ...(xdgDataHome === undefined || xdgDataHome === ''
          ? []
          : [paths.join(xdgDataHome, 'fonts')]),
        paths.join(home, '.local', 'share', 'fonts'),
        paths.join(home, '.fonts'),
      ];
    }
  }
}

function isDirectoryOnDisk(folder: string): boolean {
  try {
    return statSync(folder).isDirectory();
  } catch {
    return false;
  }
}
