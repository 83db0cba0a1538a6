import { describe, expect, it } from 'vitest';
import { findFontFolders } from '../../src/discovery/find-font-folders.js';

/** Every folder exists, so the rules alone decide. */
const everyFolder = (): boolean => true;

describe('findFontFolders', () => {
  it("lists Linux's system folders, then the user's XDG, ~/.local/share and ~/.fonts folders", () => {
    expect(
      findFontFolders({
        platform: 'linux',
        env: { XDG_DATA_HOME: '/data/me' },
        homeDir: '/home/me',
        isDirectory: everyFolder,
      }),
    ).toEqual([
      '/usr/share/fonts',
      '/usr/local/share/fonts',
      '/data/me/fonts',
      '/home/me/.local/share/fonts',
      '/home/me/.fonts',
    ]);
  });

  it('takes the home folder from HOME, and lists ~/.local/share/fonts once when XDG_DATA_HOME is its default', () => {
    expect(
      findFontFolders({
        platform: 'linux',
        env: { HOME: '/home/you', XDG_DATA_HOME: '/home/you/.local/share/' },
        isDirectory: everyFolder,
      }),
    ).toEqual([
      '/usr/share/fonts',
      '/usr/local/share/fonts',
      '/home/you/.local/share/fonts',
      '/home/you/.fonts',
    ]);
  });

  it('puts OPENSCAD_FONT_PATH entries first, as OpenSCAD adds them itself, and skips relative ones', () => {
    expect(
      findFontFolders({
        platform: 'linux',
        env: { OPENSCAD_FONT_PATH: '/opt/fonts:relative/fonts::/usr/share/fonts' },
        homeDir: '/home/me',
        isDirectory: everyFolder,
      }).slice(0, 3),
    ).toEqual(['/opt/fonts', '/usr/share/fonts', '/usr/local/share/fonts']);
  });

  it("lists macOS's system, local and user font folders", () => {
    expect(
      findFontFolders({
        platform: 'darwin',
        env: {},
        homeDir: '/Users/me',
        isDirectory: everyFolder,
      }),
    ).toEqual(['/System/Library/Fonts', '/Library/Fonts', '/Users/me/Library/Fonts']);
  });

  it("lists Windows' fonts folder and the per-user one, once whatever their case", () => {
    expect(
      findFontFolders({
        platform: 'win32',
        env: {
          WINDIR: 'D:\\Windows',
          LOCALAPPDATA: 'C:\\Users\\me\\AppData\\Local',
          OPENSCAD_FONT_PATH: 'd:\\windows\\fonts;E:\\Fonts',
        },
        isDirectory: everyFolder,
      }),
    ).toEqual([
      'd:\\windows\\fonts',
      'E:\\Fonts',
      'C:\\Users\\me\\AppData\\Local\\Microsoft\\Windows\\Fonts',
    ]);
  });

  it('falls back to C:\\Windows and the profile folder when Windows names neither', () => {
    expect(
      findFontFolders({
        platform: 'win32',
        env: { USERPROFILE: 'C:\\Users\\me' },
        isDirectory: everyFolder,
      }),
    ).toEqual(['C:\\Windows\\Fonts', 'C:\\Users\\me\\AppData\\Local\\Microsoft\\Windows\\Fonts']);
  });

  it('leaves out folders that do not exist', () => {
    const existing = new Set(['/usr/share/fonts', '/home/me/.fonts']);
    expect(
      findFontFolders({
        platform: 'linux',
        env: {},
        homeDir: '/home/me',
        isDirectory: (folder) => existing.has(folder),
      }),
    ).toEqual(['/usr/share/fonts', '/home/me/.fonts']);
  });
});
