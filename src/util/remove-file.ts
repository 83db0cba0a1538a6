import { unlinkSync } from 'node:fs';
import { unlink } from 'node:fs/promises';

/**
 * Removes a file that may not exist. One `unlink`: Node's `rm(path, { force: true })` looks at
 * the path first and goes through its recursive machinery, which costs several times more on
 * the per-part path.
 */
export async function removeFile(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/** {@link removeFile} for event handlers that cannot wait: gone already, or unremovable, is fine. */
export function removeFileSync(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Never made, already gone with its folder, or not ours to remove.
  }
}
