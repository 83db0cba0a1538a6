import type { PartHistory, Timing } from '../history/history-store.js';

/**
 * How long the native engine takes for a second of the WASM engine's work, separately for script
 * evaluation and for geometry: the two differ by two orders of magnitude between Debian's 2021.01
 * (fast evaluation, CGAL geometry) and the WASM 2025.01 (slow evaluation, Manifold geometry).
 */
export interface EngineRatios {
  /** Native seconds per WASM second of script evaluation (and start-up, export). */
  readonly evaluation: number;
  /** Native seconds per WASM second of geometry. */
  readonly geometry: number;
  /** How many of the project's parts, recorded on both engines, the ratios come from; 0 for the defaults. */
  readonly parts: number;
  /**
   * The ratios that kept their default although parts were recorded on both engines (those parts
   * spent too little time on it to measure); absent when none did.
   */
  readonly defaulted?: readonly ('evaluation' | 'geometry')[];
}

/**
 * Used until a project has parts recorded on both engines. Measured on this kind of machine (see
 * the README's benchmark): WASM evaluated scripts 8.9–10× slower than native; its Manifold built
 * geometry 14–55× faster than native CGAL (the low end is taken, so that a prediction never
 * flatters the CGAL engine's competitor). A native build with Manifold builds geometry as fast.
 */
export function defaultEngineRatios(nativeBackend: 'manifold' | 'cgal'): EngineRatios {
  return { evaluation: 0.1, geometry: nativeBackend === 'cgal' ? 14 : 1, parts: 0 };
}

/** Below this many seconds of summed work a ratio is noise, and the default is kept. */
const minimumSeconds = 0.2;
/** Ratios are kept within this factor either way, so that one odd record cannot run away. */
const limit = 100;

/**
 * The ratios measured from this project's parts that have been rendered on both engines (each
 * a sum over those parts, so the long parts weigh most), each falling back to the default when
 * the parts give too little time to go by.
 */
export function measureEngineRatios(
  histories: Iterable<PartHistory>,
  nativeBackend: 'manifold' | 'cgal',
): EngineRatios {
  const defaults = defaultEngineRatios(nativeBackend);
  let parts = 0;
  const sums = { nativeEvaluation: 0, wasmEvaluation: 0, nativeGeometry: 0, wasmGeometry: 0 };
  for (const history of histories) {
    const { native, wasm } = history;
    if (native?.geometrySeconds === undefined || wasm?.geometrySeconds === undefined) continue;
    parts++;
    if (native.plainGeometry === true || wasm.plainGeometry === true) {
      // No CGAL or Manifold work to compare: all of it compares as evaluation does.
      sums.nativeEvaluation += native.seconds;
      sums.wasmEvaluation += wasm.seconds;
      continue;
    }
    sums.nativeEvaluation += evaluationSeconds(native);
    sums.wasmEvaluation += evaluationSeconds(wasm);
    sums.nativeGeometry += native.geometrySeconds;
    sums.wasmGeometry += wasm.geometrySeconds;
  }
  if (parts === 0) return defaults;
  const evaluation = ratio(sums.nativeEvaluation, sums.wasmEvaluation);
  const geometry = ratio(sums.nativeGeometry, sums.wasmGeometry);
  const defaulted = [
    ...(evaluation === undefined ? (['evaluation'] as const) : []),
    ...(geometry === undefined ? (['geometry'] as const) : []),
  ];
  return {
    evaluation: evaluation ?? defaults.evaluation,
    geometry: geometry ?? defaults.geometry,
    parts,
    ...(defaulted.length === 0 ? {} : { defaulted }),
  };
}

/**
 * The ratio that carries a record's geometry time to the other engine: the geometry ratio for
 * CGAL or Manifold work; the evaluation ratio for geometry neither built (2D, or a plain mesh; see
 * `Timing.plainGeometry`). Measured here: OpenSCAD 2021 handed a lone `polyhedron()` built by a
 * long evaluation to its exporter in 60 ms where WASM spent 1.4 s over the same mesh, and built
 * 961 offset 2D shapes in 0.24 s against WASM's 1.23 s. Predicted with the CGAL ratio (14× the
 * other way), such parts never went to the faster native engine.
 */
export function geometryRatio(timing: Timing, ratios: EngineRatios): number {
  return timing.plainGeometry === true ? ratios.evaluation : ratios.geometry;
}

/** A render's time outside geometry: script evaluation, start-up and export. */
export function evaluationSeconds(timing: Timing): number {
  return Math.max(0, timing.seconds - (timing.geometrySeconds ?? 0));
}

function ratio(native: number, wasm: number): number | undefined {
  if (native < minimumSeconds && wasm < minimumSeconds) return undefined;
  return Math.min(limit, Math.max(1 / limit, native / Math.max(wasm, 1e-3)));
}
