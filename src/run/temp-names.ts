import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm, rmdir, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join } from 'node:path';

const prefix = '.parascad-';
/** Bytes a file name may have on the usual file systems (ext4, APFS, NTFS in UTF-16 units). */
const maxNameBytes = 255;

/**
 * A unique hidden name beside `path` that keeps its suffix (OpenSCAD picks the exporter from it).
 * The process id in the name lets a later run remove what a killed run left behind. A long name
 * is shortened in the middle, so that the temporary name fits wherever the final one does.
 */
export function tempNameBeside(path: string): string {
  // A UUID's first 8 characters are random hex; Node draws UUIDs from a buffered pool.
  const head = `${prefix}${process.pid}-${randomUUID().slice(0, 8)}-`;
  return join(dirname(path), `${head}${fitName(basename(path), maxNameBytes - head.length)}`);
}

/** The process id a temporary name was made by, or undefined when the name is not one of ours. */
export function tempNameOwner(fileName: string): number | undefined {
  const match = /^\.parascad-(\d+)-[0-9a-f]{8}-/.exec(fileName) ?? scratchPattern.exec(fileName);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

const scratchPattern = /^parascad-part-(\d+)-[A-Za-z0-9]{6}$/;

/**
 * A new folder of a part's own in the system's temporary folder, for the files parascad generates
 * to render it; named with the process id, like {@link tempNameBeside}.
 */
export function makeScratchDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), `parascad-part-${process.pid}-`));
}

/**
 * Removes a part's scratch folder. It holds only the files the engine wrote at its top level, so
 * those are unlinked and the folder removed, which costs a fraction of a recursive `rm` (Node's
 * checks each path first); anything else there falls back to the recursive removal.
 */
export async function removeScratchDir(dir: string): Promise<void> {
  try {
    const names = await readdir(dir);
    await Promise.all(names.map((name) => unlink(join(dir, name))));
    await rmdir(dir);
  } catch {
    await rm(dir, { recursive: true, force: true });
  }
}

/** `name` cut to `bytes` UTF-8 bytes, keeping its suffix and both ends. */
function fitName(name: string, bytes: number): string {
  if (Buffer.byteLength(name) <= bytes) return name;
  const suffix = extname(name);
  // Code points, not UTF-16 units: a cut never splits a character (a combined emoji may lose a part).
  // eslint-disable-next-line @typescript-eslint/no-misused-spread
  const stem = [...name.slice(0, name.length - suffix.length)];
  const shortened = (keep: number): string =>
    `${stem.slice(0, Math.ceil(keep / 2)).join('')}…${stem.slice(stem.length - Math.floor(keep / 2)).join('')}${suffix}`;
  let keep = stem.length - 1;
  while (keep > 0 && Buffer.byteLength(shortened(keep)) > bytes) keep -= 1;
  return shortened(keep);
}
