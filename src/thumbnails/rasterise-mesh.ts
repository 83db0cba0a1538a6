import { fitView } from './fit-view.js';
import type { RgbaImage } from './rgba-image.js';
import { SampleCanvas, type Rgb } from './sample-canvas.js';
import { viewBasis, type Vector } from './view-basis.js';

/** How {@link rasteriseMesh} draws. */
export interface MeshPictureOptions {
  /** Width and height of the picture, in pixels. @default 256 */
  readonly size?: number;
  /** Samples per pixel along each side, averaged for smooth edges. @default 3 */
  readonly supersample?: number;
  /**
   * The direction the model is seen from, in model coordinates (z up, front towards -y).
   * @default [1, -1, 1]: the isometric view from the front right, above
   */
  readonly viewFrom?: Vector;
  /** The model's colour, fully lit. @default OpenSCAD's yellow */
  readonly colour?: Rgb;
}

/** Light that reaches every face, so faces turned from the lamp are dark but not black. */
const ambient = 0.3;

/**
 * Draws a triangle mesh as a picture with no display, GPU or browser: an orthographic view from
 * `viewFrom`, fitted to the mesh's extent, with a depth buffer, each face flat-shaded (Lambert) by
 * a lamp fixed above the viewer's left shoulder, and edges smoothed by supersampling. The
 * background is transparent.
 *
 * Faces are lit on whichever side faces the viewer, so an open mesh shows its inside rather than
 * holes. The work is one pass over the points and one over the triangles, each triangle costing
 * the samples it covers: linear in the mesh, and bounded by the picture for big faces.
 *
 * @param positions Every point's x y z.
 * @param indices Three point indices per triangle.
 */
export function rasteriseMesh(
  positions: ArrayLike<number>,
  indices: ArrayLike<number>,
  options: MeshPictureOptions = {},
): RgbaImage {
  const canvas = new SampleCanvas(options.size ?? 256, options.supersample ?? 3);
  const basis = viewBasis(options.viewFrom ?? [1, -1, 1]);
  const [rx, ry, rz] = basis.right;
  const [ux, uy, uz] = basis.up;
  const [bx, by, bz] = basis.back;

  // The points in view coordinates: x right, y up, z towards the viewer.
  const points = positions.length / 3;
  const view = new Float64Array(3 * points);
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (let point = 0; point < points; point += 1) {
    const x = positions[3 * point] ?? 0;
    const y = positions[3 * point + 1] ?? 0;
    const z = positions[3 * point + 2] ?? 0;
    const vx = x * rx + y * ry + z * rz;
    const vy = x * ux + y * uy + z * uz;
    view[3 * point] = vx;
    view[3 * point + 1] = vy;
    view[3 * point + 2] = x * bx + y * by + z * bz;
  }
  // Only points some triangle uses decide the fit.
  for (let corner = 0; corner < indices.length; corner += 1) {
    const at = 3 * (indices[corner] ?? 0);
    const vx = view[at] ?? 0;
    const vy = view[at + 1] ?? 0;
    if (vx < minX) minX = vx;
    if (vx > maxX) maxX = vx;
    if (vy < minY) minY = vy;
    if (vy > maxY) maxY = vy;
  }
  const fit = fitView({ minX, maxX, minY, maxY }, canvas.samples);
  for (let point = 0; point < points; point += 1) {
    view[3 * point] = fit.x(view[3 * point] ?? 0);
    view[3 * point + 1] = fit.y(view[3 * point + 1] ?? 0);
    // Depth in samples too, so that the faces' normals keep their directions.
    view[3 * point + 2] = (view[3 * point + 2] ?? 0) * fit.scale;
  }

  // The lamp, in view coordinates: up and to the left of the viewer.
  const lamp = normalised([-0.35, 0.55, 0.76]);
  for (let first = 0; first + 2 < indices.length; first += 3) {
    const a = 3 * (indices[first] ?? 0);
    const b = 3 * (indices[first + 1] ?? 0);
    const c = 3 * (indices[first + 2] ?? 0);
    // The face's normal in view coordinates; the canvas's y points down, so flip it back.
    const e1x = (view[b] ?? 0) - (view[a] ?? 0);
    const e1y = (view[a + 1] ?? 0) - (view[b + 1] ?? 0);
    const e1z = (view[b + 2] ?? 0) - (view[a + 2] ?? 0);
    const e2x = (view[c] ?? 0) - (view[a] ?? 0);
    const e2y = (view[a + 1] ?? 0) - (view[c + 1] ?? 0);
    const e2z = (view[c + 2] ?? 0) - (view[a + 2] ?? 0);
    let nx = e1y * e2z - e1z * e2y;
    let ny = e1z * e2x - e1x * e2z;
    let nz = e1x * e2y - e1y * e2x;
    const length = Math.hypot(nx, ny, nz);
    if (length === 0) continue;
    if (nz < 0) {
      nx = -nx;
      ny = -ny;
      nz = -nz;
    }
    const lit = (nx * lamp[0] + ny * lamp[1] + nz * lamp[2]) / length;
    fillTriangle(canvas, view, a, b, c, ambient + (1 - ambient) * Math.max(0, lit));
  }
  return canvas.picture(options.colour ?? [249, 215, 44]);
}

/**
 * Draws one triangle (corners at offsets `a`, `b`, `c` of `view`, in samples, with depth) into
 * every sample whose centre it covers and where it is nearer than what is drawn there.
 */
function fillTriangle(
  canvas: SampleCanvas,
  view: Float64Array,
  a: number,
  b: number,
  c: number,
  shade: number,
): void {
  const ax = view[a] ?? 0;
  const ay = view[a + 1] ?? 0;
  const az = view[a + 2] ?? 0;
  const bx = view[b] ?? 0;
  const by = view[b + 1] ?? 0;
  const bz = view[b + 2] ?? 0;
  const cx = view[c] ?? 0;
  const cy = view[c + 1] ?? 0;
  const cz = view[c + 2] ?? 0;
  const area = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
  if (area === 0) return;
  const { samples } = canvas;
  const left = Math.max(0, Math.floor(Math.min(ax, bx, cx)));
  const right = Math.min(samples - 1, Math.ceil(Math.max(ax, bx, cx)));
  const top = Math.max(0, Math.floor(Math.min(ay, by, cy)));
  const bottom = Math.min(samples - 1, Math.ceil(Math.max(ay, by, cy)));
  const sign = area > 0 ? 1 : -1;
  const inverse = 1 / Math.abs(area);
  for (let row = top; row <= bottom; row += 1) {
    const py = row + 0.5;
    for (let column = left; column <= right; column += 1) {
      const px = column + 0.5;
      // Each corner's weight is the signed area of the triangle the sample makes with the
      // opposite edge: all three have the triangle's sign when the sample is inside.
      const wa = sign * ((cx - bx) * (py - by) - (cy - by) * (px - bx));
      if (wa < 0) continue;
      const wb = sign * ((ax - cx) * (py - cy) - (ay - cy) * (px - cx));
      if (wb < 0) continue;
      const wc = sign * ((bx - ax) * (py - ay) - (by - ay) * (px - ax));
      if (wc < 0) continue;
      const depth = (wa * az + wb * bz + wc * cz) * inverse;
      const at = row * samples + column;
      if (depth <= (canvas.depth[at] ?? Infinity)) continue;
      canvas.depth[at] = depth;
      canvas.shade[at] = shade;
    }
  }
}

function normalised([x, y, z]: Vector): Vector {
  const length = Math.hypot(x, y, z);
  return [x / length, y / length, z / length];
}
