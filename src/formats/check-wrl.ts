import { formatSize } from './format-size.js';
import { latin1Text } from './latin1-text.js';
import { UnreadableOutputError } from './unreadable-output-error.js';

/**
 * Checks that a VRML file is complete: its `#VRML` header, balanced braces (a truncated file
 * leaves some open) and at least one IndexedFaceSet.
 *
 * @returns A summary: `VRML 2.0, 1022 bytes`.
 * @throws {UnreadableOutputError} naming what is missing.
 */
export function checkWrl(bytes: Uint8Array): string {
  const text = latin1Text(bytes);
  const header = /^#VRML V?(\S+)/.exec(text.slice(0, 64));
  if (header === null) throw new UnreadableOutputError('not a VRML file: no "#VRML" header');
  let depth = 0;
  for (let index = 0; index < bytes.length; index += 1) {
    const byte = bytes[index];
    if (byte === 0x7b) depth += 1;
    else if (byte === 0x7d) depth -= 1;
  }
  if (depth !== 0) throw new UnreadableOutputError('VRML braces do not balance: truncated');
  if (!text.includes('IndexedFaceSet')) {
    throw new UnreadableOutputError('VRML file with no IndexedFaceSet');
  }
  return `VRML ${header[1] ?? ''}, ${formatSize(bytes.length)}`;
}
