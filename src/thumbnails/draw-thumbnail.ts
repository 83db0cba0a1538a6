import { fillDrawing } from './fill-drawing.js';
import { rasteriseMesh } from './rasterise-mesh.js';
import type { Geometry } from './read-geometry.js';
import type { RgbaImage } from './rgba-image.js';

/** How big a thumbnail is drawn. */
export interface ThumbnailOptions {
  /** Width and height in pixels. @default 256 */
  readonly size?: number;
}

/**
 * A thumbnail of a part's geometry: a mesh seen isometrically from the front right, above, a
 * drawing from above, each filling the picture.
 */
export function drawThumbnail(geometry: Geometry, options: ThumbnailOptions = {}): RgbaImage {
  const size = options.size ?? 256;
  return geometry.kind === 'mesh'
    ? rasteriseMesh(geometry.mesh.positions, geometry.mesh.indices, { size })
    : fillDrawing(geometry.drawing.contours, { size });
}
