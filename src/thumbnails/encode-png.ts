import { PNG } from 'pngjs';
import type { RgbaImage } from './rgba-image.js';

/** The picture as a PNG file (8-bit RGBA). */
export function encodePng(image: RgbaImage): Uint8Array {
  const png = new PNG({ width: image.width, height: image.height });
  png.data.set(image.data);
  return PNG.sync.write(png);
}
