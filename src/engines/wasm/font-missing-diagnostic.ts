import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { parseOpenScadOutput } from '../../diagnostics/parse-openscad-output.js';

/** What the WASM engine gave OpenSCAD to draw text with. */
export interface GivenFonts {
  /** The host's font folders it searched. */
  readonly folders: readonly string[];
  /** Font files it found there and put into the engine's file system. */
  readonly files: number;
  /**
   * Whose advice applies.
   * @default process.platform
   */
  readonly platform?: NodeJS.Platform;
}

/**
 * The fatal diagnostic for a part whose `text()` found no usable font on the WASM engine, or
 * undefined when OpenSCAD printed no font problem. OpenSCAD only warns (`Can't get font …`) and
 * goes on without the text: a label missing from a model, or an empty model, would otherwise pass
 * as rendered. The message says what the engine searched and what to do.
 */
export function fontMissingDiagnostic(console: string, given: GivenFonts): Diagnostic | undefined {
  const problem = parseOpenScadOutput(console, { baseDir: '/' }).find(
    (diagnostic) => diagnostic.code === 'font-missing',
  );
  if (problem === undefined) return undefined;
  const searched =
    given.folders.length === 0 ? 'any font folder of this machine' : given.folders.join(', ');
  // A font file the model names itself (`use <fonts/x.ttf>`) that cannot be read: its path is
  // wrong, on every engine alike.
  const named = /Can't read font with path '([^']+)'/.exec(problem.message)?.[1];
  const message =
    named !== undefined
      ? `${problem.message.replace(/\s+$/, '')}: the font file the model names (use <${named}>) cannot be read; check its path, relative to the file that uses it (the native OpenSCAD cannot read it either)`
      : given.files === 0
        ? `text() has no font to draw with: the WASM engine found no font files (.ttf, .otf, .ttc, .pfb) in ${searched}. ${whatToDo(given.platform ?? process.platform)}, ship the font with the project (use <MyFont.ttf>), or render with --engine native`
        : `${problem.message.replace(/\s+$/, '')}: the WASM engine gave OpenSCAD ${given.files} font file${given.files === 1 ? '' : 's'} from ${searched}, but not a usable one for this text; check the font the file names, or render with --engine native`;
  return { severity: 'error', code: 'font-missing', message, fatal: true };
}

function whatToDo(platform: NodeJS.Platform): string {
  switch (platform) {
    case 'darwin':
      return 'Install fonts (put .ttf or .otf files in ~/Library/Fonts)';
    case 'win32':
      return 'Install fonts (into C:\\Windows\\Fonts or %LOCALAPPDATA%\\Microsoft\\Windows\\Fonts)';
    default:
      return 'Install fonts (Debian/Ubuntu: apt-get install fonts-liberation) or put .ttf or .otf files in ~/.local/share/fonts';
  }
}
