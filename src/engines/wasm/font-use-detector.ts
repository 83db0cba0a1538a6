import { stat } from 'node:fs/promises';
import { callsFontFunctions } from './calls-font-functions.js';
import { readRegularFile } from '../../util/read-regular-file.js';

interface Verdict {
  readonly mtimeMs: number;
  readonly size: number;
  readonly callsFonts: boolean;
}

/**
 * Tells whether a part's closure may draw text, reading each `.scad` file once per run (again only
 * when its size or modification time changes): the parts of a file share its closure, and a part
 * that draws no text should not pay for loading the host's fonts.
 */
export class FontUseDetector {
  private readonly verdicts = new Map<string, Verdict>();

  /**
   * @param files the part's input files; only `.scad` files (and the hybrid route's `.csg`, whose
   *   `text()` calls the WASM engine draws) are read.
   * @param programSource the text of a generated program, which is not on disk.
   */
  async mayUseFonts(files: readonly string[], programSource?: string): Promise<boolean> {
    if (programSource !== undefined && callsFontFunctions(programSource)) return true;
    for (const file of files) {
      if (/\.(?:scad|csg)$/i.test(file) && (await this.fileCallsFonts(file))) return true;
    }
    return false;
  }

  private async fileCallsFonts(file: string): Promise<boolean> {
    let info;
    let source;
    try {
      info = await stat(file);
      const known = this.verdicts.get(file);
      if (known !== undefined && known.mtimeMs === info.mtimeMs && known.size === info.size) {
        return known.callsFonts;
      }
      source = await readRegularFile(file);
    } catch {
      // A file that vanished or cannot be read is OpenSCAD's to report; it draws no text.
      return false;
    }
    // Latin-1 never fails to decode, and keeps every ASCII character where it was.
    const callsFonts = callsFontFunctions(source.toString('latin1'));
    this.verdicts.set(file, { mtimeMs: info.mtimeMs, size: info.size, callsFonts });
    return callsFonts;
  }
}
