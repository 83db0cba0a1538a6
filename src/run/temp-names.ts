import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

const prefix = '.parascad-';

/**
 * A unique hidden name beside `path` that keeps its suffix (OpenSCAD picks the exporter from it).
 * The process id in the name lets a later run remove what a killed run left behind.
 */
export function tempNameBeside(path: string): string {
  return join(
    dirname(path),
    `${prefix}${process.pid}-${randomBytes(4).toString('hex')}-${basename(path)}`,
  );
}

/** The process id a temporary name was made by, or undefined when the name is not one of ours. */
export function tempNameOwner(fileName: string): number | undefined {
  const match = /^\.parascad-(\d+)-[0-9a-f]{8}-/.exec(fileName);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}
