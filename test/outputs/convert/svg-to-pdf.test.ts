import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { svgToPdf } from '../../../src/outputs/convert/svg-to-pdf.js';
import { validateOutput } from '../../../src/outputs/validate-output.js';
import { hasNativeOpenScad, nativeSkipReason } from '../../support/has-native-openscad.js';
import { boundingBox, readPdfDrawing } from '../support/pdf-paths.js';
import type { Point } from '../support/pdf-paths.js';
import { readFixtureText } from '../support/read-fixture.js';
import { renderNative } from '../support/render-native.js';

const pt = 72 / 25.4;

/** OpenSCAD's SVG exports, with the drawing's size in mm as its `<svg width height>` says. */
const drawings: readonly [path: string, widthMm: number, heightMm: number][] = [
  ['native/drawing.svg', 25, 15],
  ['wasm/drawing.svg', 25, 15],
  ['native/holed.svg', 10, 10],
  ['wasm/holed.svg', 10, 10],
];

describe('svgToPdf', () => {
  it.each(drawings)(
    'turns %s into a PDF whose page is the drawing (%i × %i mm) plus a 10 mm margin',
    async (path, widthMm, heightMm) => {
      const pdf = await svgToPdf(readFixtureText(path));
      expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
      expect(validateOutput('pdf', pdf).ok).toBe(true);
      const { width, height } = await readPdfDrawing(pdf);
      expect(width).toBeCloseTo((widthMm + 20) * pt, 6);
      expect(height).toBeCloseTo((heightMm + 20) * pt, 6);
    },
  );

  it('takes the margin from the options', async () => {
    const drawing = await readPdfDrawing(
      await svgToPdf(readFixtureText('native/drawing.svg'), { marginMm: 0 }),
    );
    expect([drawing.width, drawing.height].map((value) => value / pt)).toEqual([
      expect.closeTo(25, 6),
      expect.closeTo(15, 6),
    ]);
  });

  it('places the drawing at true scale inside the margin, with y up', async () => {
    // The model: square(10) at the origin and a circle of radius 5 around (20, 0), so the drawing
    // spans x 0…25 and y −5…10 mm; on the page, its lowest point sits on the bottom margin.
    const { paths } = await readPdfDrawing(await svgToPdf(readFixtureText('native/drawing.svg')));
    expect(paths).toHaveLength(1);
    const [square = [], circle = []] = paths[0]?.subpaths ?? [];
    const inMm = (box: number[]): number[] => box.map((value) => value / pt - 10);
    expect(inMm(boundingBox([...square, ...circle]))).toEqual(closeTo([0, 0, 25, 15]));
    expect(inMm(boundingBox(square))).toEqual(closeTo([0, 5, 10, 15]));
    expect(inMm(boundingBox(circle))).toEqual(closeTo([15, 0, 25, 10]));
  });

  it('fills with the even-odd rule in one path, so a hole stays a hole, and outlines at 1 pt', async () => {
    const { paths } = await readPdfDrawing(await svgToPdf(readFixtureText('native/holed.svg')));
    expect(paths.map((path) => [path.paint, path.subpaths.length])).toEqual([['B*', 2]]);
    expect(paths[0]?.lineWidth).toBeCloseTo(1, 6);
    const [outer = [], hole = []] = paths[0]?.subpaths ?? [];
    const inMm = (box: number[]): number[] => box.map((value) => value / pt - 10);
    expect(inMm(boundingBox(outer))).toEqual(closeTo([0, 0, 10, 10]));
    expect(inMm(boundingBox(hole))).toEqual(closeTo([3, 3, 7, 7]));
  });

  it('draws polygons and polylines too, at their size in other units', async () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="2in" height="1in" viewBox="0 0 200 100">' +
      '<polygon points="0,0 100,0 100,100"/><polyline points="150 0 200 100"/></svg>';
    const drawing = await readPdfDrawing(await svgToPdf(svg, { marginMm: 0 }));
    expect([drawing.width, drawing.height]).toEqual([
      expect.closeTo(144, 6),
      expect.closeTo(72, 6),
    ]);
    expect(drawing.paths.map((path) => boundingBox(path.subpaths.flat()))).toEqual([
      closeTo([0, 0, 72, 72]),
      closeTo([108, 0, 144, 72]),
    ]);
  });

  it('gives the same bytes for the same drawing', async () => {
    const svg = readFixtureText('wasm/drawing.svg');
    expect(Buffer.from(await svgToPdf(svg)).equals(Buffer.from(await svgToPdf(svg)))).toBe(true);
  });

  it('refuses text that is not SVG', async () => {
    await expect(svgToPdf(readFixtureText('native/mesh.off'))).rejects.toThrow(
      'Cannot convert SVG to PDF: there is no <svg> element',
    );
  });

  it('refuses an SVG with nothing to draw', async () => {
    const svg = readFixtureText('native/drawing.svg').replace(/<path[^>]*\/>/, '');
    await expect(svgToPdf(svg)).rejects.toThrow(
      'Cannot convert SVG to PDF: the SVG has no path, polygon or polyline to draw',
    );
  });

  it('refuses an SVG whose transforms it would draw wrong', async () => {
    const svg = readFixtureText('native/drawing.svg').replace(
      '<path ',
      '<path transform="scale(2)" ',
    );
    await expect(svgToPdf(svg)).rejects.toThrow('SVG transforms are not supported');
  });

  it('refuses a negative margin', async () => {
    await expect(svgToPdf(readFixtureText('native/drawing.svg'), { marginMm: -1 })).rejects.toThrow(
      RangeError,
    );
  });
});

describe.skipIf(!hasNativeOpenScad)(
  `svgToPdf compared with the native openscad's own PDF export ${nativeSkipReason}`,
  () => {
    it('draws the same outlines at the same scale', async () => {
      const model = readFixtureText('models/drawing.scad');
      const ours = await readPdfDrawing(
        await svgToPdf(Buffer.from(renderNative(model, 'a.svg')).toString()),
      );
      const theirs = await readPdfDrawing(renderNative(model, 'a.pdf'));
      // OpenSCAD 2021 strokes the outline first, then a ruler; its coordinates have 3 decimals.
      const outline = (
        path: { subpaths: readonly (readonly Point[])[] } | undefined,
      ): number[][] => {
        const points = (path?.subpaths ?? []).flat();
        const [minX, minY] = boundingBox(points);
        return points
          .map(([x, y]) => [x - minX, y - minY])
          .sort(([a = 0, b = 0], [c = 0, d = 0]) => a - c || b - d);
      };
      const expected = outline(theirs.paths[0]).filter(
        // cairo closes each subpath by repeating its first point; pdf-lib closes with "h".
        (point, index, all) => index === 0 || point.join() !== all[index - 1]?.join(),
      );
      const actual = outline(ours.paths[0]);
      expect(actual).toHaveLength(expected.length);
      actual.forEach(([x = 0, y = 0], index) => {
        const [ex = 0, ey = 0] = expected[index] ?? [];
        expect(Math.abs(x - ex) + Math.abs(y - ey)).toBeLessThan(0.01);
      });
      expect(theirs.paths[0]?.paint).toBe('S');
      expect(theirs.paths[0]?.lineWidth).toBeCloseTo(ours.paths[0]?.lineWidth ?? 0, 6);
    });
  },
);

function closeTo(values: number[]): unknown[] {
  return values.map((value): unknown => expect.closeTo(value, 6));
}
