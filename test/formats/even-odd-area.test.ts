import { describe, expect, it } from 'vitest';
import { evenOddArea } from '../../src/formats/even-odd-area.js';

/** A closed ring of a rectangle, counter-clockwise unless reversed. */
function rectangle(
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  clockwise = false,
): Float64Array {
  const corners = [x0, y0, x1, y0, x1, y1, x0, y1];
  return Float64Array.from(clockwise ? [x0, y0, x0, y1, x1, y1, x1, y0] : corners);
}

/** A regular polygon's ring. */
function polygon(cx: number, cy: number, radius: number, corners: number): Float64Array {
  return Float64Array.from({ length: 2 * corners }, (_, at) => {
    const angle = (2 * Math.PI * Math.floor(at / 2)) / corners;
    return at % 2 === 0 ? cx + radius * Math.cos(angle) : cy + radius * Math.sin(angle);
  });
}

describe('evenOddArea', () => {
  it('measures a rectangle and a regular polygon', () => {
    expect(evenOddArea([rectangle(0, 0, 30, 20)])).toBe(600);
    expect(evenOddArea([polygon(0, 0, 5, 32)])).toBeCloseTo(16 * 25 * Math.sin(Math.PI / 16), 12);
  });

  it('subtracts a hole whichever way either ring winds', () => {
    for (const outerClockwise of [false, true]) {
      for (const holeClockwise of [false, true]) {
        const rings = [
          rectangle(0, 0, 10, 10, outerClockwise),
          rectangle(3, 3, 7, 7, holeClockwise),
        ];
        expect(evenOddArea(rings)).toBe(84);
      }
    }
  });

  it('adds an island inside a hole back, and separate outlines side by side', () => {
    const rings = [
      rectangle(0, 0, 10, 10),
      rectangle(2, 2, 8, 8),
      rectangle(4, 4, 6, 6),
      rectangle(20, 0, 25, 4),
    ];
    expect(evenOddArea(rings)).toBe(100 - 36 + 4 + 20);
  });

  it('measures outlines that touch at a corner or along an edge', () => {
    expect(evenOddArea([rectangle(0, 0, 10, 10), rectangle(10, 10, 20, 20)])).toBe(200);
    expect(evenOddArea([rectangle(0, 0, 10, 10), rectangle(10, 0, 20, 10)])).toBe(200);
  });

  it('measures non-convex outlines, and any number of holes', () => {
    const u = Float64Array.of(0, 0, 12, 0, 12, 10, 8, 10, 8, 4, 4, 4, 4, 10, 0, 10);
    expect(evenOddArea([u])).toBe(96);
    const holes = Array.from({ length: 100 }, (_, at) =>
      polygon(5 + 10 * (at % 10), 5 + 10 * Math.floor(at / 10), 2, 12),
    );
    const expected = 10_000 - 100 * 6 * 4 * Math.sin(Math.PI / 6);
    expect(evenOddArea([rectangle(0, 0, 100, 100), ...holes])).toBeCloseTo(expected, 9);
  });

  it('gives 0 for nothing, and for rings without area', () => {
    expect(evenOddArea([])).toBe(0);
    expect(evenOddArea([Float64Array.of(0, 0, 5, 0, 10, 0)])).toBe(0);
  });

  it('measures a circle of 200,000 corners in one pass', () => {
    const started = performance.now();
    expect(evenOddArea([polygon(0, 0, 100, 200_000)])).toBeCloseTo(Math.PI * 10_000, 4);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
