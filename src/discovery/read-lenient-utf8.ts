import { readFile } from 'node:fs/promises';

/** A source file's text, bad UTF-8 replaced rather than refused (OpenSCAD reads such files too). */
export async function readLenientUtf8(file: string): Promise<string> {
  return new TextDecoder('utf-8').decode(await readFile(file));
}
