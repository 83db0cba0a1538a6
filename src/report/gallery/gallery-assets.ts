import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The page's bundled script and style sheet, as `npm run build` writes them. */
export const galleryAssetNames = ['gallery.js', 'gallery.css'] as const;

/**
 * The folder holding the gallery page's script (three.js bundled in) and style sheet:
 * `dist/gallery/` of the package, the same from `dist/report/gallery/` and `src/report/gallery/`.
 *
 * @throws {Error} when they are missing: a checkout that was not built.
 */
export function galleryAssetsDir(): string {
  const dir = fileURLToPath(new URL('../../../dist/gallery/', import.meta.url));
  const missing = galleryAssetNames.filter((name) => !existsSync(`${dir}${name}`));
  if (missing.length > 0) {
    throw new Error(
      `the gallery's ${missing.join(' and ')} are missing from ${dir}: run npm run build`,
    );
  }
  return dir;
}
