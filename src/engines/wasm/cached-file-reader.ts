import { stat } from 'node:fs/promises';
import { readRegularFile } from '../../util/read-regular-file.js';

interface CachedFile {
  readonly mtimeMs: number;
  readonly size: number;
  readonly data: Uint8Array;
}

/**
 * Reads input files for one worker thread, keeping them between parts: the parts of a batch share
 * the user's file and its libraries, which are then read from disk once per thread, not once per
 * part. A changed file (size or mtime) is read again.
 */
export class CachedFileReader {
  private readonly files = new Map<string, CachedFile>();
  private bytes = 0;

  /** @param budget bytes kept before the cache starts over. */
  constructor(private readonly budget = 256 * 1024 * 1024) {}

  async read(path: string): Promise<Uint8Array> {
    const info = await stat(path);
    const cached = this.files.get(path);
    if (cached !== undefined && cached.mtimeMs === info.mtimeMs && cached.size === info.size) {
      return cached.data;
    }
    const data = await readRegularFile(path);
    if (this.bytes + data.byteLength > this.budget) {
      this.files.clear();
      this.bytes = 0;
    }
    this.bytes += data.byteLength - (cached?.data.byteLength ?? 0);
    this.files.set(path, { mtimeMs: info.mtimeMs, size: info.size, data });
    return data;
  }
}
