import { describe, expect, it } from 'vitest';
import { fontMissingDiagnostic } from '../../../src/engines/wasm/font-missing-diagnostic.js';
import { readOpenScadFixture } from '../../diagnostics/openscad-fixture.js';

describe('fontMissingDiagnostic', () => {
  it('fails a text() with no font, naming the folders searched and what to install', () => {
    expect(
      fontMissingDiagnostic(readOpenScadFixture('default-font', '2025'), {
        folders: ['/usr/share/fonts', '/home/me/.fonts'],
        files: 0,
        platform: 'linux',
      }),
    ).toEqual({
      severity: 'error',
      code: 'font-missing',
      fatal: true,
      message:
        'text() has no font to draw with: the WASM engine found no font files (.ttf, .otf, .ttc, .pfb) in /usr/share/fonts, /home/me/.fonts. Install fonts (Debian/Ubuntu: apt-get install fonts-liberation) or put .ttf or .otf files in ~/.local/share/fonts, ship the font with the project (use <MyFont.ttf>), or render with --engine native',
    });
  });

  it("gives each platform's own advice, also when no font folder exists at all", () => {
    const console = readOpenScadFixture('default-font', '2025');
    expect(
      fontMissingDiagnostic(console, { folders: [], files: 0, platform: 'darwin' })?.message,
    ).toMatch(/in any font folder of this machine\. Install fonts \(put .* in ~\/Library\/Fonts\)/);
    expect(
      fontMissingDiagnostic(console, { folders: [], files: 0, platform: 'win32' })?.message,
    ).toContain('%LOCALAPPDATA%\\Microsoft\\Windows\\Fonts');
  });

  it('fails a font OpenSCAD cannot use although fonts were there, quoting its message', () => {
    expect(
      fontMissingDiagnostic(readOpenScadFixture('bad-font-file', '2025'), {
        folders: ['/usr/share/fonts'],
        files: 28,
        platform: 'linux',
      })?.message,
    ).toBe(
      "Can't register font '/project/fonts/bad.ttf': the WASM engine gave OpenSCAD 28 font files from /usr/share/fonts, but not a usable one for this text; check the font the file names, or render with --engine native",
    );
  });

  it('says that a font file the model names cannot be read: its path, not the engine', () => {
    const console = "WARNING: Can't read font with path '../ttf/Gone-Regular.ttf'\n";
    expect(
      fontMissingDiagnostic(console, { folders: ['/usr/share/fonts'], files: 28 })?.message,
    ).toBe(
      "Can't read font with path '../ttf/Gone-Regular.ttf': the font file the model names (use <../ttf/Gone-Regular.ttf>) cannot be read; check its path, relative to the file that uses it (the native OpenSCAD cannot read it either)",
    );
  });

  it('says nothing when OpenSCAD printed no font problem', () => {
    expect(
      fontMissingDiagnostic(readOpenScadFixture('cube-success', '2025'), {
        folders: [],
        files: 0,
      }),
    ).toBeUndefined();
  });
});
