import { createHash } from 'node:crypto';

declare const digestBrand: unique symbol;

/** A SHA-256 content digest in lower-case hex: names inputs, outputs, jobs and cache entries. */
export type Digest = string & { readonly [digestBrand]: true };

/** The digest of some bytes or text (text is hashed as UTF-8). */
export function digest(data: string | Uint8Array): Digest {
  return createHash('sha256').update(data).digest('hex') as Digest;
}

/** Whether a string has the shape of a {@link Digest} (for data read back from disk or a queue). */
export function isDigest(value: string): value is Digest {
  return /^[0-9a-f]{64}$/.test(value);
}
