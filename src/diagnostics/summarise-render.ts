/** What OpenSCAD's own statistics say about one run's geometry. */
export interface RenderSummary {
  /**
   * Seconds OpenSCAD spent building geometry, summed over every `Total rendering time` line: both
   * 2021.01 and 2025.01 render once per `-o`. The rest of a run's time is script evaluation and
   * export.
   */
  readonly renderSeconds?: number;
  /** Whether the top-level object was 2D or 3D; absent when it was empty or a lazy-union list. */
  readonly dimension?: '2d' | '3d';
  /** Facets of a 3D object; 2025.01 calls them `Triangles` for a non-convex polygon mesh. */
  readonly facets?: number;
  /** Contours of a 2D object. */
  readonly contours?: number;
  /** Vertices of a 3D object; printed only by the CGAL and Manifold backends, not for a polygon mesh. */
  readonly vertices?: number;
  /**
   * Set when no CGAL or Manifold operation built the top-level object: a 2D object (Clipper builds
   * those on both engines) or a plain polygon mesh (OpenSCAD's PolySet: a lone `polyhedron()`,
   * primitive or extrusion). Its geometry time went into work that compares between the engines
   * as evaluation does, not as CGAL against Manifold. For 3D, 2025.01 says `(PolySet)` against
   * `(manifold)` or `(Nef polyhedron)`; 2021.01 prints a Nef polyhedron's statistics starting with
   * `Simple:`, a mesh's only with `Facets:`.
   */
  readonly plainGeometry?: true;
}

const renderTime = /^Total rendering time: (\d+):(\d+):(\d+)(?:\.(\d+))?\s*$/;
const topLevel =
  /^\s*Top level object is (?:a ([23])D object\b( \(PolySet\))?|a list of objects\b)/;
const statistic = /^\s+(Facets|Triangles|Contours|Vertices):\s+(\d+)\s*$/;
/** The first statistic 2021.01 prints for a Nef polyhedron, and never for a mesh. */
const nefStatistic = /^\s+Simple:/;

/**
 * Reads the timing and the top-level object statistics out of everything one OpenSCAD run printed,
 * so the engine can tell how much of a part's time went into geometry. When one run exported
 * several files the statistics of the last export are reported (they describe the same object).
 * Never throws; fields OpenSCAD did not print are absent.
 */
export function summariseRender(output: string): RenderSummary {
  // Whole milliseconds, as printed, so that sums carry no floating-point noise.
  let renderMilliseconds: number | undefined;
  let dimension: '2d' | '3d' | undefined;
  let plainGeometry = false;
  const stats: { facets?: number; contours?: number; vertices?: number } = {};
  let inStatistics = false;

  for (const rawLine of output.split('\n')) {
    const line = rawLine.trimEnd();
    const time = renderTime.exec(line);
    if (time !== null) {
      renderMilliseconds = (renderMilliseconds ?? 0) + toMilliseconds(time);
      continue;
    }
    const header = topLevel.exec(line);
    if (header !== null) {
      dimension = header[1] === '2' ? '2d' : header[1] === '3' ? '3d' : undefined;
      // 2025.01 names the kind; 2021.01's statistics tell (a Nef polyhedron's start `Simple:`).
      plainGeometry =
        dimension === '2d' ||
        header[2] !== undefined ||
        (dimension === '3d' && !line.includes('('));
      inStatistics = true;
      continue;
    }
    if (inStatistics && nefStatistic.test(line)) plainGeometry = false;
    const stat = inStatistics ? statistic.exec(line) : null;
    if (stat !== null) {
      const value = Number(stat[2]);
      if (stat[1] === 'Contours') stats.contours = value;
      else if (stat[1] === 'Vertices') stats.vertices = value;
      else stats.facets = value;
      continue;
    }
    // The statistics are the indented lines right under the header.
    inStatistics = inStatistics && /^\s/.test(line);
  }

  return {
    ...(renderMilliseconds === undefined ? {} : { renderSeconds: renderMilliseconds / 1000 }),
    ...(dimension === undefined ? {} : { dimension }),
    ...stats,
    ...(plainGeometry ? { plainGeometry: true as const } : {}),
  };
}

function toMilliseconds(match: RegExpExecArray): number {
  const [, hours = '0', minutes = '0', seconds = '0', fraction = ''] = match;
  const milliseconds = Math.round(Number(`0.${fraction || '0'}`) * 1000);
  return ((Number(hours) * 60 + Number(minutes)) * 60 + Number(seconds)) * 1000 + milliseconds;
}
