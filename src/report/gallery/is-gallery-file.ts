import { galleryMarker } from '../../util/gallery-marker.js';
import { galleryAssetNames } from './gallery-assets.js';

const folders = ['data', 'thumbs', 'meshes', 'drawings'];
const pictures = /^(thumbs\/[\w-]+\.png|meshes\/[\w-]+\.js|drawings\/[\w-]+\.svg)$/;

/**
 * Whether a path inside a gallery folder (relative, with `/`) is one a gallery writes: its page,
 * assets, data, marker, the folders of its pictures and the pictures (see `galleryPart`). An
 * earlier gallery holding anything else holds the user's own files, and is not replaced.
 */
export function isGalleryFile(path: string): boolean {
  return (
    path === 'index.html' ||
    path === galleryMarker ||
    path === 'data/gallery.js' ||
    (galleryAssetNames as readonly string[]).includes(path) ||
    folders.includes(path) ||
    pictures.test(path)
  );
}
