import { rm, stat } from 'node:fs/promises';
import { thumbnailPath } from '../thumbnails/thumbnail-path.js';
import type { PartResult } from './part-result.js';

/**
 * A run without `--thumbnails`: a picture an earlier run drew beside an output this part has
 * written anew (`lid.stl.png` older than `lid.stl`) shows geometry the output may no longer hold,
 * so it is removed rather than left to mislead. A picture still current (its output left as it
 * was, as the cache does with bytes already in place) stays, and so does a file that some part
 * writes as an output of its own.
 *
 * @param outputs The paths of every output the project's parts write.
 */
export async function removeStaleThumbnails(
  result: PartResult,
  outputs: ReadonlySet<string>,
): Promise<void> {
  for (const output of result.outputs) {
    const picture = thumbnailPath(output.path);
    if (outputs.has(picture)) continue;
    const [drawn, written] = await Promise.all([
      stat(picture).catch(() => undefined),
      stat(output.path).catch(() => undefined),
    ]);
    if (drawn === undefined || written === undefined || drawn.mtimeMs >= written.mtimeMs) continue;
    await rm(picture, { force: true });
  }
}
