import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { drawThumbnail } from '../../src/thumbnails/draw-thumbnail.js';
import { hasGeometry, readGeometry } from '../../src/thumbnails/read-geometry.js';
import { drawnPixels } from './support.js';

const exported = (name: string): Promise<Buffer> =>
  readFile(fileURLToPath(new URL(`../fixtures/outputs/${name}`, import.meta.url)));

describe('drawThumbnail', () => {
  it.each([
    'native/mesh.stl',
    'native/mesh-binary.stl',
    'native/mesh.off',
    'native/mesh.3mf',
    'native/mesh.amf',
    'native/u-prism.off',
    'native/drawing.svg',
    'native/drawing.dxf',
    'native/holed.svg',
  ])(
    'draws %s, read by the one reader of its format, as a picture that is not blank',
    async (name) => {
      const format = name.split('.').at(-1) ?? '';
      const geometry = readGeometry(format, await exported(name));
      expect(geometry).toBeDefined();
      if (geometry === undefined) return;
      const image = drawThumbnail(geometry, { size: 64 });
      expect(image.width).toBe(64);
      expect(drawnPixels(image)).toBeGreaterThan(0.2 * 64 * 64);
    },
  );

  it('draws one mesh alike from each format it was exported to', async () => {
    const pictures = await Promise.all(
      ['native/mesh.stl', 'native/mesh.off', 'native/mesh.3mf'].map(async (name) => {
        const geometry = readGeometry(name.split('.').at(-1) ?? '', await exported(name));
        if (geometry === undefined) throw new Error(`no geometry in ${name}`);
        return drawnPixels(drawThumbnail(geometry, { size: 64 }));
      }),
    );
    const [stl = 0] = pictures;
    for (const drawn of pictures) expect(Math.abs(drawn - stl)).toBeLessThan(0.01 * 64 * 64);
  });

  it('has no picture for formats without geometry', async () => {
    expect(hasGeometry('pdf')).toBe(false);
    expect(hasGeometry('.STL')).toBe(true);
    expect(readGeometry('pdf', await exported('native/drawing.pdf'))).toBeUndefined();
  });
});
