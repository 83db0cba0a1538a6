import { constants } from 'node:fs';
import { open } from 'node:fs/promises';

/** Thrown for a path that exists but is no regular file: a FIFO, a socket, a device, a folder. */
export class NotARegularFileError extends Error {
  override readonly name = 'NotARegularFileError';
  /** Like Node's own errors, for callers that tell errors apart by code. */
  readonly code = 'ENOTREG';
  constructor(
    readonly path: string,
    /** What it is instead, in words: `a FIFO (named pipe)`. */
    readonly kind: string,
  ) {
    super(`${path} is ${kind}, not a regular file`);
  }
}

/**
 * Reads a file the user pointed parascad at, refusing anything but a regular file. The file is
 * opened without blocking: opening a FIFO for reading would otherwise wait for a writer forever
 * (and a pending read holds the process, whatever signal comes), and a device may never end.
 */
export async function readRegularFile(path: string): Promise<Buffer> {
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new NotARegularFileError(path, kindOf(stats));
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

/** {@link readRegularFile} as UTF-8 text. */
export async function readRegularText(path: string): Promise<string> {
  return (await readRegularFile(path)).toString('utf8');
}

function kindOf(stats: {
  isDirectory(): boolean;
  isFIFO(): boolean;
  isSocket(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
}): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  return 'not a file';
}
