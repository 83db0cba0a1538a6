import type { PlannedOutput } from '../plan/render-job.js';
import { hasGeometry } from './read-geometry.js';
import { thumbnailPath } from './thumbnail-path.js';

/** The thumbnail `--thumbnails` writes for an output, if its format holds geometry. */
export function plannedThumbnails(output: PlannedOutput): PlannedOutput[] {
  return hasGeometry(output.format)
    ? [{ format: 'thumbnail', path: thumbnailPath(output.path) }]
    : [];
}
