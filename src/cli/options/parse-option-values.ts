import { InvalidArgumentError } from '@commander-js/extra-typings';
import { parseByteSize } from '../../schedule/memory-budget.js';

/** Commander parsers for option values; a bad value is a usage error that names what was expected. */
export function wholeNumberAtLeast(minimum: number): (text: string) => number {
  return (text) => {
    const value = Number(text);
    if (text.trim() === '' || !Number.isInteger(value) || value < minimum) {
      throw new InvalidArgumentError(`expected a whole number of at least ${minimum}`);
    }
    return value;
  };
}

/** A number of seconds above 0. */
export function positiveSeconds(text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value <= 0) {
    throw new InvalidArgumentError('expected a number of seconds above 0');
  }
  return value;
}

/** A memory size such as `8G`. */
export function byteSize(text: string): number {
  const bytes = parseByteSize(text);
  if (bytes === undefined) {
    throw new InvalidArgumentError('expected a size such as 8G, 512M or 1073741824');
  }
  return bytes;
}

/** Collects a repeatable option's values. */
export function repeated(text: string, previous: readonly string[] = []): string[] {
  return [...previous, text];
}
