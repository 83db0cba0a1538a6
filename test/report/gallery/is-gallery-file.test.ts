import { describe, expect, it } from 'vitest';
import { isGalleryFile } from '../../../src/report/gallery/is-gallery-file.js';

describe('isGalleryFile', () => {
  it('accepts what a gallery writes: page, assets, data, marker, pictures and their folders', () => {
    for (const path of [
      'index.html',
      'gallery.js',
      'gallery.css',
      '.parascad-gallery',
      'data',
      'data/gallery.js',
      'thumbs',
      'thumbs/p0.png',
      'meshes/p12.js',
      'meshes/p3-before.js',
      'drawings/p1.svg',
    ]) {
      expect(isGalleryFile(path), path).toBe(true);
    }
  });

  it("refuses anything else: the user's own", () => {
    for (const path of ['NOTES.md', 'extra', 'extra/a.png', 'thumbs/mine.jpg', 'data/more.js']) {
      expect(isGalleryFile(path), path).toBe(false);
    }
  });
});
