import { readRegularFile } from '../util/read-regular-file.js';

/**
 * A source file's text, bad UTF-8 replaced rather than refused (OpenSCAD reads such files too).
 * Only a regular file is read: a FIFO or a device is refused instead of blocking.
 */
export async function readLenientUtf8(file: string): Promise<string> {
  return new TextDecoder('utf-8').decode(await readRegularFile(file));
}
