import { BoundedText } from '../engines/bounded-text.js';
import type { PartResult } from './part-result.js';

/** Characters of a part's console kept once it has been reported: its first and last 8 KiB. */
export const keptConsoleCharacters = 16 * 1024;

/**
 * The result as a run keeps it after its `part-done` event (which carries the whole console, up to
 * the engines' 4 MiB): the console cut to its beginning and end. A run of hundreds of parts that
 * echo a lot would otherwise hold every part's output to the end (measured: 148 → 222 MB from part
 * 100 to part 500 of a soak). The diagnostics, parsed from the whole console, are kept in full.
 */
export function withKeptConsole(result: PartResult): PartResult {
  if (result.console.length <= keptConsoleCharacters) return result;
  const kept = new BoundedText(keptConsoleCharacters);
  kept.append(result.console);
  return { ...result, console: kept.toString() };
}
