import { formatSize } from './format-size.js';
import { latin1Text } from './latin1-text.js';
import { UnreadableOutputError } from './unreadable-output-error.js';

/**
 * Checks that a PDF has its `%PDF-` header and, near its end, the `%%EOF` marker a truncated file
 * lacks.
 *
 * @returns A summary: `PDF 1.5, 9.7 KiB`.
 * @throws {UnreadableOutputError} naming what is missing.
 */
export function checkPdf(bytes: Uint8Array): string {
  const version = /%PDF-(\d+\.\d+)/.exec(latin1Text(bytes.subarray(0, 1024)));
  if (version === null) throw new UnreadableOutputError('not a PDF file: no "%PDF-" header');
  if (!latin1Text(bytes.subarray(Math.max(0, bytes.length - 1024))).includes('%%EOF')) {
    throw new UnreadableOutputError('PDF without its closing %%EOF: truncated');
  }
  return `PDF ${version[1] ?? ''}, ${formatSize(bytes.length)}`;
}
