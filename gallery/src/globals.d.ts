import type { GalleryData } from '../../src/report/gallery/gallery-data.js';

declare global {
  interface Window {
    /** Set by `data/gallery.js`. */
    PARASCAD_GALLERY?: GalleryData;
    /** Filled by each `meshes/<key>.js`: base64 of float32 x y z, nine per triangle. */
    PARASCAD_MESHES?: Record<string, string>;
  }
}
