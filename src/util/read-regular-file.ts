import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
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
 * Files up to this size are read synchronously. A promise-based read is four trips through the
 * thread pool (open, stat, read, close) and costs ~0.1 ms of the main thread per file, ten times a
 * synchronous read of a small file; a run reads hundreds of sources, digests and cache records.
 * Larger files are read asynchronously, so that the event loop (live view, signals, the WASM
 * workers' messages) is never held for long.
 */
const readAtOnceBytes = 256 * 1024;

/**
 * Reads a file the user pointed parascad at, refusing anything but a regular file. The file is
 * opened without blocking: opening a FIFO for reading would otherwise wait for a writer forever
 * (and a pending read holds the process, whatever signal comes), and a device may never end.
 */
export async function readRegularFile(path: string): Promise<Buffer> {
  const small = readSmallRegularFile(path);
  if (small !== undefined) return small;
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new NotARegularFileError(path, kindOf(stats));
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

/**
 * {@link readRegularFile} as UTF-8 text, without the byte order mark Windows editors write at the
 * start: Python, YAML and JSON readers skip it, and columns on the first line then count as the
 * editor shows them.
 */
export async function readRegularText(path: string): Promise<string> {
  return withoutByteOrderMark((await readRegularFile(path)).toString('utf8'));
}

/** `text` without a leading UTF-8 byte order mark (U+FEFF). */
export function withoutByteOrderMark(text: string): string {
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

/** The bytes of a small regular file, read at once; undefined for a larger one. */
function readSmallRegularFile(path: string): Buffer | undefined {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new NotARegularFileError(path, kindOf(stats));
    return stats.size <= readAtOnceBytes ? readFileSync(fd) : undefined;
  } finally {
    closeSync(fd);
  }
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
