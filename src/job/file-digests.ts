import { digest, type Digest } from './digest.js';
import { readRegularFile } from '../util/read-regular-file.js';

/**
 * The digests of files' contents, each file read once per instance (a run): many parts share the
 * same includes. Contents, never modification times: a `touch` or a `git checkout` that restores
 * the same bytes keeps every digest.
 */
export class FileDigests {
  private readonly known = new Map<string, Promise<Digest | null>>();

  /** The digest of the file at an absolute path, or null when it does not exist or cannot be read. */
  of(file: string): Promise<Digest | null> {
    let found = this.known.get(file);
    if (found === undefined) {
      found = readRegularFile(file).then(
        (bytes) => digest(bytes),
        () => null,
      );
      this.known.set(file, found);
    }
    return found;
  }

  /** Forgets what was read, so that the next {@link of} reads the disk again (watch mode). */
  forget(files?: Iterable<string>): void {
    if (files === undefined) {
      this.known.clear();
      return;
    }
    for (const file of files) this.known.delete(file);
  }
}
