/**
 * A file that is not a well-formed model of its format, or uses a feature of the format the
 * measuring does not read. Readers throw it; `measureOutput` turns it into a `none` measure with
 * the message as its reason, so a broken output is data, never a crash.
 */
export class UnreadableOutputError extends Error {
  override readonly name = 'UnreadableOutputError';
}
