import { UnreadableOutputError } from './unreadable-output-error.js';
import { VertexWelder } from './vertex-welder.js';

/**
 * Joins loose edges (`x1 y1 x2 y2` each, in any order and either direction) into closed contours
 * at end points with equal coordinates.
 *
 * Where contours touch at a corner, four edges meet there; walking on from the corner along any of
 * them would merge the two contours into one figure eight. Instead the walk cuts a loop off as a
 * contour each time it comes back to a point already on its path (Hierholzer's walk), so every
 * contour is a simple ring whichever edge it takes.
 *
 * @returns Each contour as a closed ring `x0 y0 x1 y1 …` (the closing edge implied).
 * @throws {UnreadableOutputError} when an edge's end meets no other edge: the outline is open.
 */
export function chainSegments(segments: ArrayLike<number>): Float64Array[] {
  const welder = new VertexWelder();
  const count = Math.floor(segments.length / 4);
  const ends = new Int32Array(2 * count);
  for (let segment = 0; segment < count; segment += 1) {
    const at = 4 * segment;
    ends[2 * segment] = welder.index(segments[at] ?? 0, segments[at + 1] ?? 0, 0);
    ends[2 * segment + 1] = welder.index(segments[at + 2] ?? 0, segments[at + 3] ?? 0, 0);
  }
  const points = welder.count;
  const positions = welder.positions;

  // The segments at each point, as a compressed adjacency list; zero-length segments are dropped.
  const firstOf = new Int32Array(points + 1);
  for (let segment = 0; segment < count; segment += 1) {
    const [a, b] = [ends[2 * segment] ?? 0, ends[2 * segment + 1] ?? 0];
    if (a === b) continue;
    firstOf[a + 1] = (firstOf[a + 1] ?? 0) + 1;
    firstOf[b + 1] = (firstOf[b + 1] ?? 0) + 1;
  }
  for (let point = 0; point < points; point += 1) {
    firstOf[point + 1] = (firstOf[point + 1] ?? 0) + (firstOf[point] ?? 0);
  }
  const incident = new Int32Array(firstOf[points] ?? 0);
  const filled = firstOf.slice(0, points);
  for (let segment = 0; segment < count; segment += 1) {
    const [a, b] = [ends[2 * segment] ?? 0, ends[2 * segment + 1] ?? 0];
    if (a === b) continue;
    incident[(filled[a] = (filled[a] ?? 0) + 1) - 1] = segment;
    incident[(filled[b] = (filled[b] ?? 0) + 1) - 1] = segment;
  }

  const used = new Uint8Array(count);
  const nextOf = firstOf.slice(0, points);
  const placeOnPath = new Int32Array(points).fill(-1);
  const path: number[] = [];
  const contours: Float64Array[] = [];
  const unusedSegmentAt = (point: number): number => {
    const last = firstOf[point + 1] ?? 0;
    let at = nextOf[point] ?? last;
    while (at < last && used[incident[at] ?? 0] === 1) at += 1;
    nextOf[point] = at;
    return at < last ? (incident[at] ?? -1) : -1;
  };

  for (let start = 0; start < points; start += 1) {
    if (unusedSegmentAt(start) === -1) continue;
    path.push(start);
    placeOnPath[start] = 0;
    while (path.length > 0) {
      const point = path[path.length - 1] ?? 0;
      const segment = unusedSegmentAt(point);
      if (segment === -1) {
        if (path.length > 1) {
          const x = positions[3 * point] ?? 0;
          const y = positions[3 * point + 1] ?? 0;
          throw new UnreadableOutputError(`an outline does not close: it ends at ${x},${y}`);
        }
        placeOnPath[point] = -1;
        path.pop();
        continue;
      }
      used[segment] = 1;
      const other =
        ends[2 * segment] === point ? (ends[2 * segment + 1] ?? 0) : (ends[2 * segment] ?? 0);
      const place = placeOnPath[other] ?? -1;
      if (place === -1) {
        placeOnPath[other] = path.length;
        path.push(other);
        continue;
      }
      // Back at a point of the path: the points after it form a closed loop.
      const ring = new Float64Array(2 * (path.length - place));
      for (let at = place; at < path.length; at += 1) {
        const loopPoint = path[at] ?? 0;
        ring[2 * (at - place)] = positions[3 * loopPoint] ?? 0;
        ring[2 * (at - place) + 1] = positions[3 * loopPoint + 1] ?? 0;
        if (at > place) placeOnPath[loopPoint] = -1;
      }
      path.length = place + 1;
      if (ring.length >= 6) contours.push(ring);
    }
  }
  return contours;
}
