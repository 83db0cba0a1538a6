import { copyFile, link, rename, stat } from 'node:fs/promises';
import { tempNameBeside } from '../run/temp-names.js';
import { relativePath } from '../util/relative-path.js';
import { removeFile } from '../util/remove-file.js';

/** A finished file under its temporary name and the output it becomes. */
export interface OutputMove {
  readonly from: string;
  readonly to: string;
}

/** Why a part's outputs were not put in place; none of its earlier outputs was changed. */
export class OutputsNotReplaced extends Error {
  override readonly name = 'OutputsNotReplaced';
}

/**
 * Puts a part's finished files in place all together or not at all. One rename replaces one file
 * in one step; a part of several formats needs several, and one that fails (a file made
 * read-only or immutable, a folder where the output goes) must not leave the part's other
 * formats new beside an old one. So each earlier output is kept under a second name (a hard
 * link, else a copy) until every rename has succeeded, and put back if one fails.
 */
export async function replaceOutputsTogether(moves: readonly OutputMove[]): Promise<void> {
  if (moves.length === 1 && moves[0] !== undefined) {
    await rename(moves[0].from, moves[0].to).catch((error: unknown) => {
      throw notReplaced(error, moves[0]?.to ?? '');
    });
    return;
  }
  const kept: (string | undefined)[] = [];
  try {
    for (const move of moves) kept.push(await keepEarlier(move.to));
  } catch (error) {
    await removeAll(kept);
    throw notReplaced(error, moves[kept.length]?.to ?? '');
  }
  let replaced = 0;
  try {
    for (const move of moves) {
      await rename(move.from, move.to);
      replaced += 1;
    }
  } catch (error) {
    for (let index = replaced - 1; index >= 0; index -= 1) {
      const output = moves[index]?.to ?? '';
      const earlier = kept[index];
      await (earlier === undefined ? removeFile(output) : rename(earlier, output)).catch(
        () => undefined,
      );
    }
    await removeAll(kept);
    throw notReplaced(error, moves[replaced]?.to ?? '');
  }
  await removeAll(kept);
}

/** A second name for the output's earlier file, or undefined when there is none. */
async function keepEarlier(output: string): Promise<string | undefined> {
  const aside = tempNameBeside(output);
  try {
    await link(output, aside);
    return aside;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    // A folder cannot be kept (nor replaced); a file system without hard links gets a copy.
    if ((await stat(output)).isDirectory()) throw Object.assign(new Error(), { code: 'EISDIR' });
    await copyFile(output, aside);
    return aside;
  }
}

async function removeAll(files: readonly (string | undefined)[]): Promise<void> {
  await Promise.all(files.flatMap((file) => (file === undefined ? [] : [removeFile(file)])));
}

function notReplaced(error: unknown, output: string): OutputsNotReplaced {
  const code = (error as NodeJS.ErrnoException).code;
  const shown = relativePath(process.cwd(), output);
  const unchanged = 'the earlier outputs were left as they were';
  if (code === 'EISDIR' || code === 'ENOTEMPTY' || code === 'EEXIST') {
    return new OutputsNotReplaced(
      `${shown} is a folder, not a file: remove it or give the part another output name (${unchanged})`,
    );
  }
  if (code === 'EPERM' || code === 'EACCES' || code === 'EROFS') {
    return new OutputsNotReplaced(
      `${shown} cannot be replaced (${code}: the file or its folder is read-only or immutable): make both writable, or render into another folder with -o (${unchanged})`,
    );
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new OutputsNotReplaced(`${shown} could not be written: ${detail} (${unchanged})`);
}
