import { stat } from 'node:fs/promises';

/**
 * When each file was last modified (ms since the epoch); files that cannot be read are left out.
 * A part's recorded failures older than its file are stale: the user may have fixed the model.
 */
export async function readModifiedTimes(files: readonly string[]): Promise<Map<string, number>> {
  const times = new Map<string, number>();
  await Promise.all(
    [...new Set(files)].map(async (file) => {
      try {
        times.set(file, (await stat(file)).mtimeMs);
      } catch {
        // A missing file fails its part later, with a located message.
      }
    }),
  );
  return times;
}
