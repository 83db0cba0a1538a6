import { ParascadError } from '../errors.js';

/**
 * Checks a `--queue` address: `redis://[user:password@]host[:port][/db]` (or `rediss://` for
 * TLS). Refused at once with what was expected, rather than by a connection that never comes.
 */
export function parseQueueUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ParascadError(
      'USAGE',
      `--queue expects a Redis address such as redis://localhost:6379, got '${text}'`,
    );
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new ParascadError(
      'USAGE',
      `--queue expects a redis:// or rediss:// address, got '${text}'`,
      'e.g. --queue redis://localhost:6379',
    );
  }
  if (url.hostname === '') {
    throw new ParascadError('USAGE', `--queue address '${text}' names no host`);
  }
  return text;
}

/** The address without its password, for messages. */
export function describeQueueUrl(text: string): string {
  try {
    const url = new URL(text);
    if (url.password !== '') url.password = '***';
    return url.toString().replace(/\/$/, '');
  } catch {
    return text;
  }
}
