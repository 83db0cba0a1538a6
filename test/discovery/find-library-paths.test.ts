import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findLibraryPaths } from '../../src/discovery/find-library-paths.js';

/** The system folders every non-Windows result ends with, when this host has them. */
const hostSystemFolders = [
  '/usr/share/openscad/libraries',
  '/usr/local/share/openscad/libraries',
].filter(isDirectory);

function isDirectory(folder: string): boolean {
  return existsSync(folder) && statSync(folder).isDirectory();
}

let temp: string;
beforeEach(async () => {
  temp = await mkdtemp(path.join(tmpdir(), 'parascad-libs-'));
});
afterEach(async () => {
  await rm(temp, { recursive: true, force: true });
});

async function folders(...relative: string[]): Promise<string[]> {
  const created = relative.map((folder) => path.join(temp, folder));
  for (const folder of created) await mkdir(folder, { recursive: true });
  return created;
}

describe('findLibraryPaths on Linux', () => {
  it('lists OPENSCADPATH entries, the user folder, the installation folder, then system folders', async () => {
    const [first, second, relative, user, installed] = await folders(
      'first',
      'second',
      'work/relative',
      'home/.local/share/OpenSCAD/libraries',
      'prefix/share/openscad/libraries',
    );
    const binary = path.join(temp, 'prefix', 'bin', 'openscad');

    const result = findLibraryPaths({
      env: { OPENSCADPATH: `${first}:relative:${second}` },
      platform: 'linux',
      homeDir: path.join(temp, 'home'),
      openscadBinary: binary,
      cwd: path.join(temp, 'work'),
    });

    expect(result).toEqual([first, relative, second, user, installed, ...hostSystemFolders]);
  });

  it('drops folders that do not exist and lists each folder once', async () => {
    const [user] = await folders('home/.local/share/OpenSCAD/libraries');

    const result = findLibraryPaths({
      env: { OPENSCADPATH: `${path.join(temp, 'absent')}:${user}:${user}/` },
      platform: 'linux',
      homeDir: path.join(temp, 'home'),
    });

    expect(result).toEqual([user, ...hostSystemFolders]);
  });

  it('treats an empty OPENSCADPATH entry as the working directory, like OpenSCAD', async () => {
    const [work, lib] = await folders('work', 'lib');

    const result = findLibraryPaths({
      env: { OPENSCADPATH: `${lib}:` },
      platform: 'linux',
      homeDir: path.join(temp, 'home'),
      cwd: path.join(temp, 'work'),
    });

    expect(result).toEqual([lib, work, ...hostSystemFolders]);
  });

  it('reads the home folder from HOME and ignores XDG_DATA_HOME, as OpenSCAD does', async () => {
    const [user] = await folders('home/.local/share/OpenSCAD/libraries', 'xdg/OpenSCAD/libraries');

    const result = findLibraryPaths({
      env: { HOME: path.join(temp, 'home'), XDG_DATA_HOME: path.join(temp, 'xdg') },
      platform: 'linux',
    });

    expect(result).toEqual([user, ...hostSystemFolders]);
  });

  const openscad = (process.env['PATH'] ?? '')
    .split(path.delimiter)
    .map((folder) => path.join(folder, 'openscad'))
    .find((candidate) => existsSync(candidate));

  it.runIf(process.platform === 'linux' && openscad !== undefined)(
    'agrees with the library path `openscad --info` prints on this host',
    async () => {
      const [first, second, user] = await folders(
        'first',
        'second',
        'home/.local/share/OpenSCAD/libraries',
      );
      const env = {
        PATH: process.env['PATH'],
        HOME: path.join(temp, 'home'),
        OPENSCADPATH: `${first}:${second}`,
      };
      const info = spawnSync(openscad ?? 'openscad', ['--info'], {
        env,
        cwd: temp,
        encoding: 'utf8',
      });
      const output = `${info.stdout}\n${info.stderr}`;
      const section = /OpenSCAD library path:\n([\s\S]*?)\n\n/.exec(output)?.[1] ?? '';
      const printed = section
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== '');

      const result = findLibraryPaths({
        env,
        platform: 'linux',
        openscadBinary: openscad ?? '',
        cwd: temp,
      });

      expect(printed.slice(0, 3)).toEqual([first, second, user]);
      expect(result.slice(0, printed.length)).toEqual(printed.filter(isDirectory));
    },
  );
});

describe('findLibraryPaths on macOS', () => {
  it('uses ~/Documents/OpenSCAD/libraries and the app bundle’s Resources/libraries', async () => {
    const [user, bundled] = await folders(
      'home/Documents/OpenSCAD/libraries',
      'Applications/OpenSCAD.app/Contents/Resources/libraries',
    );

    const result = findLibraryPaths({
      env: {},
      platform: 'darwin',
      homeDir: path.join(temp, 'home'),
      openscadBinary: path.join(temp, 'Applications/OpenSCAD.app/Contents/MacOS/OpenSCAD'),
    });

    expect(result).toEqual([user, bundled, ...hostSystemFolders]);
  });

  it('accepts the .app bundle itself as the binary', async () => {
    const [bundled] = await folders('Applications/OpenSCAD.app/Contents/Resources/libraries');

    const result = findLibraryPaths({
      env: {},
      platform: 'darwin',
      homeDir: path.join(temp, 'home'),
      openscadBinary: path.join(temp, 'Applications/OpenSCAD.app'),
    });

    expect(result).toEqual([bundled, ...hostSystemFolders]);
  });
});

describe('findLibraryPaths on Windows', () => {
  const existing = new Set([
    'D:\\libs',
    'C:\\work\\relative',
    'C:\\Users\\Ada\\Documents\\OpenSCAD\\libraries',
    'C:\\Program Files\\OpenSCAD\\libraries',
  ]);
  const isDirectoryOnWindows = (folder: string): boolean => existing.has(folder);

  it('splits OPENSCADPATH on semicolons and uses Documents\\OpenSCAD\\libraries and the install folder', () => {
    const result = findLibraryPaths({
      env: { OPENSCADPATH: 'D:\\libs;relative;d:\\LIBS\\;E:\\absent' },
      platform: 'win32',
      homeDir: 'C:\\Users\\Ada',
      openscadBinary: 'C:\\Program Files\\OpenSCAD\\openscad.exe',
      cwd: 'C:\\work',
      isDirectory: isDirectoryOnWindows,
    });

    expect(result).toEqual([
      'D:\\libs',
      'C:\\work\\relative',
      'C:\\Users\\Ada\\Documents\\OpenSCAD\\libraries',
      'C:\\Program Files\\OpenSCAD\\libraries',
    ]);
  });

  it('takes the home folder from USERPROFILE and never adds the Linux system folders', () => {
    const looked: string[] = [];

    const result = findLibraryPaths({
      env: { USERPROFILE: 'C:\\Users\\Ada', HOME: '/home/ada' },
      platform: 'win32',
      cwd: 'C:\\work',
      isDirectory: (folder) => {
        looked.push(folder);
        return isDirectoryOnWindows(folder);
      },
    });

    expect(result).toEqual(['C:\\Users\\Ada\\Documents\\OpenSCAD\\libraries']);
    expect(looked.some((folder) => folder.includes('/usr/'))).toBe(false);
  });
});

describe('findLibraryPaths with the defaults', () => {
  it('returns only existing absolute folders', async () => {
    await writeFile(path.join(temp, 'not-a-folder'), '');

    const result = findLibraryPaths({ env: { OPENSCADPATH: path.join(temp, 'not-a-folder') } });

    expect(result.every((folder) => path.isAbsolute(folder) && isDirectory(folder))).toBe(true);
    expect(result).not.toContain(path.join(temp, 'not-a-folder'));
  });
});
