import type { RgbaImage } from './rgba-image.js';

/** An RGB colour, each channel 0–255. */
export type Rgb = readonly [red: number, green: number, blue: number];

/**
 * A canvas of `supersample` × `supersample` samples per pixel: each sample holds a brightness
 * (0–1, or -1 where nothing was drawn) and a depth. `picture` averages each pixel's samples into
 * one, so edges come out smooth and the background stays transparent.
 */
export class SampleCanvas {
  /** Samples along each side. */
  readonly samples: number;
  /** Brightness of each sample, row by row; -1 where nothing is drawn. */
  readonly shade: Float32Array;
  /** Nearness to the viewer of what each sample shows (larger is nearer). */
  readonly depth: Float32Array;

  constructor(
    readonly size: number,
    readonly supersample: number,
  ) {
    this.samples = size * supersample;
    this.shade = new Float32Array(this.samples * this.samples).fill(-1);
    this.depth = new Float32Array(this.samples * this.samples).fill(-Infinity);
  }

  /** The picture: each pixel the mean of its samples in `colour`, its alpha the share drawn. */
  picture(colour: Rgb): RgbaImage {
    const { size, supersample, samples, shade } = this;
    const data = new Uint8Array(size * size * 4);
    const perPixel = supersample * supersample;
    for (let row = 0; row < size; row += 1) {
      for (let column = 0; column < size; column += 1) {
        let covered = 0;
        let light = 0;
        for (let dy = 0; dy < supersample; dy += 1) {
          const from = (row * supersample + dy) * samples + column * supersample;
          for (let dx = 0; dx < supersample; dx += 1) {
            const value = shade[from + dx] ?? -1;
            if (value < 0) continue;
            covered += 1;
            light += value;
          }
        }
        if (covered === 0) continue;
        const at = 4 * (row * size + column);
        const mean = light / covered;
        data[at] = Math.round(colour[0] * mean);
        data[at + 1] = Math.round(colour[1] * mean);
        data[at + 2] = Math.round(colour[2] * mean);
        data[at + 3] = Math.round((255 * covered) / perPixel);
      }
    }
    return { width: size, height: size, data };
  }
}
