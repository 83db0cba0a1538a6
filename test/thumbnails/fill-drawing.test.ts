import { describe, expect, it } from 'vitest';
import { fillDrawing } from '../../src/thumbnails/fill-drawing.js';
import { drawnPixels, pixel } from './support.js';

const square = (low: number, high: number): Float64Array =>
  Float64Array.of(low, low, high, low, high, high, low, high);

describe('fillDrawing', () => {
  it('fills a square and leaves its square hole open', () => {
    const image = fillDrawing([square(0, 30), square(10, 20)], { size: 100 });
    // 100 pixels with a 6% margin: 30 mm span pixels 6 to 94.
    expect(pixel(image, 50, 50)[3]).toBe(0);
    expect(pixel(image, 15, 50)[3]).toBe(255);
    expect(pixel(image, 50, 85)[3]).toBe(255);
    expect(pixel(image, 3, 50)[3]).toBe(0);
  });

  it('draws y up, as the model has it', () => {
    // A triangle with its right angle at the bottom left of the model.
    const image = fillDrawing([Float64Array.of(0, 0, 10, 0, 0, 10)], { size: 100 });
    expect(pixel(image, 20, 80)[3]).toBe(255);
    expect(pixel(image, 80, 20)[3]).toBe(0);
  });

  it('covers about the share of the picture the shape covers', () => {
    const image = fillDrawing([square(0, 10)], { size: 100 });
    expect(drawnPixels(image)).toBeGreaterThan(88 * 88 - 200);
    expect(drawnPixels(image)).toBeLessThan(88 * 88 + 200);
  });
});
