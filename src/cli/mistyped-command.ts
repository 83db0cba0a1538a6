import { ConfigError, ParascadError } from '../errors.js';
import { unknownPartMessage } from '../plan/select-parts.js';
import { didYouMean } from '../util/did-you-mean.js';

/**
 * The command the user probably meant when the first word of the command line is not a command
 * (so it became a target of the default `render`) and the run then found it to be neither a
 * part, a file nor a glob: `parascad lsit` → `list`. Undefined when the word names something,
 * or is like no command.
 */
export function mistypedCommand(
  argv: readonly string[],
  commands: readonly string[],
  error: unknown,
): string | undefined {
  const [word] = argv;
  if (word === undefined || word.startsWith('-') || commands.includes(word)) return undefined;
  if (/[\\/.*?[\]{}]/.test(word)) return undefined;
  const guess = didYouMean(word, commands);
  if (guess === undefined || !(error instanceof ParascadError)) return undefined;
  const notAPart =
    error instanceof ConfigError
      ? error.problems.some((problem) => problem.message === unknownPartMessage(word))
      : error.code === 'NOTHING_TO_RENDER' || error.code === 'SCAD_FILE_NOT_FOUND';
  return notAPart ? guess : undefined;
}
