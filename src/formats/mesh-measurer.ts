import type { MeshMeasure } from './output-measure.js';
import { UnreadableOutputError } from './unreadable-output-error.js';
import { VertexWelder } from './vertex-welder.js';

/** Above this many vertices an edge's two indices no longer fit one exact double key. */
const maxVertices = Math.floor(Math.sqrt(Number.MAX_SAFE_INTEGER));

/**
 * Measures a mesh face by face as a reader finds it, without keeping the faces.
 *
 * Readers give each point to `vertex` (which merges equal coordinates) and each face, as the
 * indices it returned, to `triangle` or `polygon`. The volume is the signed volume by the
 * divergence theorem, summed over a fan of each face from its first corner: exact for any planar
 * polygon, convex or not, and independent of how another exporter triangulated the same face.
 * Coordinates are taken relative to the first corner of the first face, so a part far from the
 * origin loses no digits. The surface area of a polygon is the length of its vector area (Newell),
 * which is right for non-convex faces where summing the fan's triangle areas is not.
 */
export class MeshMeasurer {
  readonly #welder = new VertexWelder();
  // Small to start with, like the welder: most parts of a run are small, and it doubles.
  #edges = new Uint32Array(2 * 256);
  #edgeCount = 0;
  #corners = new Int32Array(64);
  #origin: [number, number, number] | undefined;
  #min = [Infinity, Infinity, Infinity];
  #max = [-Infinity, -Infinity, -Infinity];
  #volume = 0;
  #area = 0;
  #triangles = 0;

  /** The index of a point, the same for every point at the same coordinates. */
  vertex(x: number, y: number, z: number): number {
    return this.#welder.index(x, y, z);
  }

  /** Adds a triangle, by indices `vertex` returned, wound counter-clockwise seen from outside. */
  triangle(a: number, b: number, c: number): void {
    const corners = this.#corners;
    corners[0] = a;
    corners[1] = b;
    corners[2] = c;
    this.#face(3);
  }

  /** Adds a polygon face, by the first `count` indices of `corners`, in the file's winding. */
  polygon(corners: ArrayLike<number>, count: number): void {
    if (this.#corners.length < count) this.#corners = new Int32Array(2 * count);
    const own = this.#corners;
    for (let corner = 0; corner < count; corner += 1) own[corner] = corners[corner] ?? 0;
    this.#face(count);
  }

  /**
   * The measure of every face added so far.
   *
   * @throws {UnreadableOutputError} when no face had any area.
   */
  measure(): MeshMeasure {
    if (this.#triangles === 0) throw new UnreadableOutputError('the mesh has no faces');
    const [minX = 0, minY = 0, minZ = 0] = this.#min;
    const [maxX = 0, maxY = 0, maxZ = 0] = this.#max;
    const { openEdges, nonManifoldEdges } = this.#edgeUse();
    return {
      kind: '3d',
      volume: this.#volume / 6,
      area: this.#area / 2,
      bounds: { min: [minX, minY, minZ], max: [maxX, maxY, maxZ] },
      triangles: this.#triangles,
      closed: openEdges === 0 && nonManifoldEdges === 0,
      openEdges,
      nonManifoldEdges,
    };
  }

  #face(given: number): void {
    const corners = this.#corners;
    // A corner equal to the one before it (once points are merged) adds neither an edge nor area.
    let count = 0;
    for (let corner = 0; corner < given; corner += 1) {
      const index = corners[corner] ?? 0;
      if (count === 0 || corners[count - 1] !== index) corners[count++] = index;
    }
    while (count > 1 && corners[count - 1] === corners[0]) count -= 1;
    if (count < 3) return;

    const positions = this.#welder.positions;
    const first = 3 * (corners[0] ?? 0);
    const x0 = positions[first] ?? 0;
    const y0 = positions[first + 1] ?? 0;
    const z0 = positions[first + 2] ?? 0;
    const origin = (this.#origin ??= [x0, y0, z0]);
    this.#include(x0, y0, z0);

    let nx = 0;
    let ny = 0;
    let nz = 0;
    const second = 3 * (corners[1] ?? 0);
    let ux = (positions[second] ?? 0) - x0;
    let uy = (positions[second + 1] ?? 0) - y0;
    let uz = (positions[second + 2] ?? 0) - z0;
    this.#include(ux + x0, uy + y0, uz + z0);
    for (let corner = 2; corner < count; corner += 1) {
      const next = 3 * (corners[corner] ?? 0);
      const vx = (positions[next] ?? 0) - x0;
      const vy = (positions[next + 1] ?? 0) - y0;
      const vz = (positions[next + 2] ?? 0) - z0;
      this.#include(vx + x0, vy + y0, vz + z0);
      nx += uy * vz - uz * vy;
      ny += uz * vx - ux * vz;
      nz += ux * vy - uy * vx;
      ux = vx;
      uy = vy;
      uz = vz;
    }
    this.#volume += (x0 - origin[0]) * nx + (y0 - origin[1]) * ny + (z0 - origin[2]) * nz;
    this.#area += Math.sqrt(nx * nx + ny * ny + nz * nz);
    this.#triangles += count - 2;
    for (let corner = 0; corner < count; corner += 1) {
      this.#edge(corners[corner] ?? 0, corners[(corner + 1) % count] ?? 0);
    }
  }

  #include(x: number, y: number, z: number): void {
    const min = this.#min;
    const max = this.#max;
    if (x < (min[0] ?? x)) min[0] = x;
    if (x > (max[0] ?? x)) max[0] = x;
    if (y < (min[1] ?? y)) min[1] = y;
    if (y > (max[1] ?? y)) max[1] = y;
    if (z < (min[2] ?? z)) min[2] = z;
    if (z > (max[2] ?? z)) max[2] = z;
  }

  #edge(a: number, b: number): void {
    if (2 * this.#edgeCount + 2 > this.#edges.length) {
      const grown = new Uint32Array(2 * this.#edges.length);
      grown.set(this.#edges);
      this.#edges = grown;
    }
    this.#edges[2 * this.#edgeCount] = Math.min(a, b);
    this.#edges[2 * this.#edgeCount + 1] = Math.max(a, b);
    this.#edgeCount += 1;
  }

  /**
   * How many edges only one face uses (a hole in the surface) and how many more than two faces
   * use (a non-manifold edge): sort the edges and count the lengths of equal runs.
   */
  #edgeUse(): { openEdges: number; nonManifoldEdges: number } {
    const vertices = this.#welder.count;
    if (vertices > maxVertices) {
      throw new UnreadableOutputError(
        `the mesh has ${vertices} vertices, more than can be checked`,
      );
    }
    const keys = new Float64Array(this.#edgeCount);
    const edges = this.#edges;
    for (let edge = 0; edge < keys.length; edge += 1) {
      keys[edge] = (edges[2 * edge] ?? 0) * vertices + (edges[2 * edge + 1] ?? 0);
    }
    keys.sort();
    let openEdges = 0;
    let nonManifoldEdges = 0;
    for (let run = 0; run < keys.length;) {
      let next = run + 1;
      while (next < keys.length && keys[next] === keys[run]) next += 1;
      if (next - run === 1) openEdges += 1;
      else if (next - run > 2) nonManifoldEdges += 1;
      run = next;
    }
    return { openEdges, nonManifoldEdges };
  }
}
