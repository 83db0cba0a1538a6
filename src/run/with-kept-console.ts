import { BoundedText } from '../engines/bounded-text.js';
import type { PartResult } from './part-result.js';

/** Characters of a part's console kept once it has been reported: its first and last 8 KiB. */
export const keptConsoleCharacters = 16 * 1024;

/** Echo diagnostics kept once a part has been reported (every other diagnostic is kept). */
export const keptEchoes = 20;

/**
 * The result as a run keeps it after its `part-done` event (which carries the whole console, up to
 * the engines' 4 MiB): the console cut to its beginning and end. A run of hundreds of parts that
 * echo a lot would otherwise hold every part's output to the end (measured: 148 → 222 MB from part
 * 100 to part 500 of a soak), and its echoes as diagnostics too: the first {@link keptEchoes} stay,
 * every error, warning and trace stays.
 */
export function withKeptConsole(result: PartResult): PartResult {
  const echoes = result.diagnostics.filter((diagnostic) => diagnostic.severity === 'echo').length;
  if (result.console.length <= keptConsoleCharacters && echoes <= keptEchoes) return result;
  const kept = new BoundedText(keptConsoleCharacters);
  kept.append(result.console);
  let echoed = 0;
  const diagnostics = result.diagnostics.filter(
    (diagnostic) => diagnostic.severity !== 'echo' || ++echoed <= keptEchoes,
  );
  return { ...result, console: kept.toString(), diagnostics };
}
