import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { drawThumbnail } from '../../thumbnails/draw-thumbnail.js';
import { drawingSvg } from '../../thumbnails/drawing-svg.js';
import { encodePng } from '../../thumbnails/encode-png.js';
import { readGeometry } from '../../thumbnails/read-geometry.js';

/** What the gallery shows of one output file. */
export interface PartPictures {
  /** A PNG thumbnail, when the file holds geometry. */
  readonly thumbnail?: Uint8Array;
  readonly view:
    | { readonly kind: 'mesh'; readonly positions: Float32Array; readonly triangles: number }
    | { readonly kind: 'drawing'; readonly svg: string }
    | { readonly kind: 'none'; readonly reason: string };
}

/**
 * The most triangles the gallery puts in a part's 3D view: the page holds them as base64 of
 * float32 corners, 48 bytes per triangle (48 MB at this cap), and loads them when the view opens.
 */
export const maxViewTriangles = 1_000_000;

/**
 * Reads an output once and draws it for the gallery: its thumbnail, and its triangles for the 3D
 * view (up to {@link maxViewTriangles}) or its drawing as SVG. A file that is gone or cannot be
 * read gives a view that says why, not an error: the rest of the gallery is still worth having.
 */
export async function partPictures(
  format: string,
  file: string,
  options: { readonly maxTriangles?: number } = {},
): Promise<PartPictures> {
  let geometry;
  try {
    geometry = readGeometry(format, await readFile(file));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { view: { kind: 'none', reason: `${basename(file)} cannot be read: ${reason}` } };
  }
  if (geometry === undefined) {
    return { view: { kind: 'none', reason: `${format} files have no view` } };
  }
  const thumbnail = encodePng(drawThumbnail(geometry));
  if (geometry.kind === 'drawing') {
    return { thumbnail, view: { kind: 'drawing', svg: drawingSvg(geometry.drawing.contours) } };
  }
  const triangles = geometry.mesh.triangleCount;
  const most = options.maxTriangles ?? maxViewTriangles;
  if (triangles > most) {
    return {
      thumbnail,
      view: {
        kind: 'none',
        reason: `${basename(file)} has ${triangles} triangles, more than the gallery's 3D view holds (${most}): open the file in a viewer`,
      },
    };
  }
  return { thumbnail, view: { kind: 'mesh', positions: geometry.mesh.unindexed(), triangles } };
}
