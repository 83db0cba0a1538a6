import { countNoun } from './count-noun.js';
import { UnreadableOutputError } from './unreadable-output-error.js';

/**
 * Checks a text output (CSG, AST, term, echo): no NUL bytes. Such files have no closing marker,
 * so truncation cannot be told.
 *
 * @returns A summary: `7 lines`.
 * @throws {UnreadableOutputError} when the file holds NUL bytes.
 */
export function checkText(bytes: Uint8Array): string {
  if (bytes.includes(0)) throw new UnreadableOutputError('not a text file: it contains NUL bytes');
  let lines = bytes.at(-1) === 0x0a ? 0 : 1;
  for (let at = bytes.indexOf(0x0a); at !== -1; at = bytes.indexOf(0x0a, at + 1)) lines += 1;
  return countNoun(lines, 'line');
}
