import { drawingBounds } from '../formats/drawing-bounds.js';

/**
 * A drawing's contours as a standalone SVG picture, for a browser to show whatever format the
 * drawing came in (DXF too): one even-odd path, so holes stay open, y up as in the model, with
 * a margin, sized in millimetres.
 */
export function drawingSvg(contours: readonly Float64Array[]): string {
  const { min, max } = drawingBounds(contours);
  const width = Math.max(max[0] - min[0], 1e-9);
  const height = Math.max(max[1] - min[1], 1e-9);
  const margin = 0.04 * Math.max(width, height);
  const number = (value: number): string => String(Number(value.toPrecision(9)));
  const rings = contours.map((ring) => {
    const points: string[] = [];
    for (let at = 0; at + 1 < ring.length; at += 2) {
      // Flipped about the top edge: SVG's y points down.
      points.push(`${number((ring[at] ?? 0) - min[0])} ${number(max[1] - (ring[at + 1] ?? 0))}`);
    }
    return `M${points.join('L')}Z`;
  });
  const box = [-margin, -margin, width + 2 * margin, height + 2 * margin].map(number).join(' ');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${box}" width="${number(width + 2 * margin)}mm" height="${number(height + 2 * margin)}mm">`,
    `<path fill="#f9d72c" stroke="#8a6d00" stroke-width="${number(Math.max(width, height) / 400)}" fill-rule="evenodd" d="${rings.join('')}"/>`,
    '</svg>',
    '',
  ].join('\n');
}
