import { randomBytes } from 'node:crypto';
import { copyFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ReportWriter } from '../documents/report-writer.js';
import { galleryAssetNames, galleryAssetsDir } from './gallery-assets.js';
import { buildGallery } from './build-gallery.js';
import { galleryIndexHtml } from './gallery-index-html.js';
import { isGalleryFile } from './is-gallery-file.js';
import { replaceFolder } from './replace-folder.js';
import { galleryMarker as marker } from '../../util/gallery-marker.js';
import { makeFolder } from '../../util/make-folder.js';

/**
 * `--report html=DIR`: a static gallery of the run that works from `file://`, with no server and
 * no network: `index.html`, the bundled script (three.js inside) and style sheet, the data as a
 * classic script (`data/gallery.js`), and each part's thumbnail, 3D data or drawing. Links to the
 * outputs are relative, so the gallery and the outputs can move together.
 *
 * The folder is built beside DIR under a temporary name and swapped in whole (see
 * `replaceFolder`); a folder of the user's own at DIR is never replaced, nor an earlier gallery
 * holding files of the user's own.
 */
export const writeHtmlReport: ReportWriter = async (report, path) => {
  const assets = galleryAssetsDir();
  const temp = join(
    dirname(path),
    `.parascad-gallery-${process.pid}-${randomBytes(4).toString('hex')}`,
  );
  const write = async (file: string, contents: string | Uint8Array): Promise<void> => {
    const target = join(temp, ...file.split('/'));
    await makeFolder(dirname(target));
    await writeFile(target, contents);
  };
  try {
    await makeFolder(temp);
    for (const name of galleryAssetNames) await copyFile(join(assets, name), join(temp, name));
    const data = await buildGallery(report, path, write);
    await write('data/gallery.js', `window.PARASCAD_GALLERY = ${JSON.stringify(data)};\n`);
    await write('index.html', galleryIndexHtml(data.title));
    await write(
      marker,
      'A parascad gallery (parascad render --report html=DIR); replaced by the next.\n',
    );
    await replaceFolder(temp, path, marker, isGalleryFile);
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
};
