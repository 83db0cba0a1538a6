/**
 * The area enclosed by closed rings under the even-odd rule: a point is inside when a ray from it
 * crosses the rings an odd number of times, so a ring inside another is a hole, one inside that an
 * island, and so on.
 *
 * The rule needs no winding: OpenSCAD winds holes against their outline (clockwise in model
 * coordinates), but a DXF reader that chains loose LINEs back into contours cannot promise the
 * direction, nor which of two contours touching at a corner a walk follows. Rings must not cross
 * each other, which holds for every outline OpenSCAD exports.
 *
 * A sweep over y: between two consecutive corner heights no edge starts or ends, so the inside is
 * a row of trapezoids whose areas are the slab's height times their width at mid-height, where the
 * edges crossing the slab are sorted by x and paired off. Exact for polygons, and close to
 * O(n log n) for the outlines of real parts.
 */
export function evenOddArea(rings: readonly Float64Array[]): number {
  let edges = 0;
  for (const ring of rings) edges += ring.length / 2;
  const lowX = new Float64Array(edges);
  const lowY = new Float64Array(edges);
  const highY = new Float64Array(edges);
  const slope = new Float64Array(edges);
  const heights = new Float64Array(2 * edges);
  let count = 0;
  for (const ring of rings) {
    const corners = ring.length / 2;
    for (let corner = 0; corner < corners; corner += 1) {
      const next = (corner + 1) % corners;
      let x1 = ring[2 * corner] ?? 0;
      let y1 = ring[2 * corner + 1] ?? 0;
      let x2 = ring[2 * next] ?? 0;
      let y2 = ring[2 * next + 1] ?? 0;
      // A horizontal edge bounds no slab.
      if (y1 === y2) continue;
      if (y1 > y2) [x1, y1, x2, y2] = [x2, y2, x1, y1];
      lowX[count] = x1;
      lowY[count] = y1;
      highY[count] = y2;
      slope[count] = (x2 - x1) / (y2 - y1);
      heights[2 * count] = y1;
      heights[2 * count + 1] = y2;
      count += 1;
    }
  }
  const levels = uniqueSorted(heights.subarray(0, 2 * count));
  const order = Uint32Array.from({ length: count }, (_, edge) => edge).sort(
    (a, b) => (lowY[a] ?? 0) - (lowY[b] ?? 0),
  );

  const active = new Uint32Array(count);
  const crossings = new Float64Array(count);
  let activeCount = 0;
  let entering = 0;
  let area = 0;
  for (let level = 0; level + 1 < levels.length; level += 1) {
    const bottom = levels[level] ?? 0;
    const top = levels[level + 1] ?? 0;
    let kept = 0;
    for (let at = 0; at < activeCount; at += 1) {
      const edge = active[at] ?? 0;
      if ((highY[edge] ?? 0) > bottom) active[kept++] = edge;
    }
    activeCount = kept;
    while (entering < count && (lowY[order[entering] ?? 0] ?? 0) <= bottom) {
      active[activeCount++] = order[entering++] ?? 0;
    }
    const middle = (bottom + top) / 2;
    for (let at = 0; at < activeCount; at += 1) {
      const edge = active[at] ?? 0;
      crossings[at] = (lowX[edge] ?? 0) + (middle - (lowY[edge] ?? 0)) * (slope[edge] ?? 0);
    }
    const row = crossings.subarray(0, activeCount).sort();
    let width = 0;
    for (let at = 0; at + 1 < activeCount; at += 2) width += (row[at + 1] ?? 0) - (row[at] ?? 0);
    area += width * (top - bottom);
  }
  return area;
}

function uniqueSorted(values: Float64Array): Float64Array {
  const sorted = Float64Array.from(values).sort();
  let kept = 0;
  for (let at = 0; at < sorted.length; at += 1) {
    if (at === 0 || sorted[at] !== sorted[kept - 1]) sorted[kept++] = sorted[at] ?? 0;
  }
  return sorted.subarray(0, kept);
}
