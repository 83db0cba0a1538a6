import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { thumbnailPath } from '../thumbnails/thumbnail-path.js';
import type { PartResult } from './part-result.js';
import type { RunEvent } from './run-event.js';
import { tempNameBeside } from './temp-names.js';

/**
 * `--thumbnails`: writes a PNG picture beside each output of a rendered part that holds geometry
 * (`lid.stl.png`), drawn in this process from the file itself. Each is written under a temporary
 * name and renamed, like the outputs. A picture that cannot be drawn or written costs a warning,
 * never the part: the outputs are what the user asked for.
 */
export async function writePartThumbnails(
  result: PartResult,
  emit: (event: RunEvent) => void,
): Promise<void> {
  if (result.status !== 'ok') return;
  // Loaded with the first picture: a run without --thumbnails never reads the PNG encoder.
  const [{ drawThumbnail }, { encodePng }, { readGeometry }] = await Promise.all([
    import('../thumbnails/draw-thumbnail.js'),
    import('../thumbnails/encode-png.js'),
    import('../thumbnails/read-geometry.js'),
  ]);
  for (const output of result.outputs) {
    const target = thumbnailPath(output.path);
    const temp = tempNameBeside(target);
    try {
      const geometry = readGeometry(output.format, await readFile(output.path));
      if (geometry === undefined) continue;
      await writeFile(temp, encodePng(drawThumbnail(geometry)));
      await rename(temp, target);
    } catch (error) {
      await rm(temp, { force: true });
      const reason = error instanceof Error ? error.message : String(error);
      emit({
        type: 'warning',
        problem: {
          message: `no thumbnail for ${basename(output.path)} of ${result.job.name}: ${reason}`,
        },
      });
    }
  }
}
