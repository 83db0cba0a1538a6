import { readFile } from 'node:fs/promises';
import { listFontFiles } from './list-font-files.js';

/** One font file of the host, with its bytes. */
export interface HostFontFile {
  /** The host path, under one of the font folders. */
  readonly path: string;
  /** The file's bytes, in shared memory: every worker thread sees them without a copy. */
  readonly data: Uint8Array;
}

/**
 * The host's font files, for the whole WASM engine: listed and read the first time a part needs
 * them, into `SharedArrayBuffer`s, so that the worker threads (which receive them with each
 * task, by reference) and their OpenSCAD instances all use one copy. A machine's fonts weigh tens
 * to hundreds of megabytes: one copy per thread, or per render, would multiply that. Fonts do not
 * change in the middle of a run; a different set of folders is read anew.
 */
export class HostFonts {
  private loaded: { readonly key: string; readonly files: Promise<HostFontFile[]> } | undefined;

  load(folders: readonly string[]): Promise<HostFontFile[]> {
    const key = JSON.stringify(folders);
    if (this.loaded?.key !== key) this.loaded = { key, files: readFonts(folders) };
    return this.loaded.files;
  }
}

async function readFonts(folders: readonly string[]): Promise<HostFontFile[]> {
  const files: HostFontFile[] = [];
  for (const path of await listFontFiles(folders)) {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(path);
    } catch {
      // Unreadable (permissions, removed since the listing): fontconfig would skip it too.
      continue;
    }
    const data = new Uint8Array(new SharedArrayBuffer(bytes.byteLength));
    data.set(bytes);
    files.push({ path, data });
  }
  return files;
}
