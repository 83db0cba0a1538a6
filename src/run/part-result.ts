import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { EngineId } from '../engines/engine.js';
import type { DrawingMeasure, MeshMeasure } from '../formats/output-measure.js';
import type { EngineIdentity } from '../job/engine-identity.js';
import type { RenderJob } from '../plan/render-job.js';

/**
 * What an output's geometry measures: for a mesh its triangles, bounds, volume, surface area and
 * open and non-manifold edges; for a drawing its contours, area and bounds.
 */
export type OutputFacts = MeshMeasure | DrawingMeasure;

/** Why a part did not render, as data the reporters can explain. */
export type FailureReason =
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'timeout'; readonly seconds: number }
  | { readonly kind: 'engine-crash'; readonly message: string }
  | { readonly kind: 'io-error'; readonly message: string }
  | { readonly kind: 'memory-limit'; readonly limitBytes: number; readonly usedBytes: number }
  | { readonly kind: 'openscad-error'; readonly diagnostic: Diagnostic }
  | { readonly kind: 'exit-code'; readonly code: number }
  | { readonly kind: 'conversion-failed'; readonly format: string; readonly message: string }
  | { readonly kind: 'missing-output'; readonly format: string }
  | { readonly kind: 'invalid-output'; readonly format: string; readonly message: string }
  /** `--strict`: the part rendered, with warnings (the first one here) or a mesh not closed. */
  | { readonly kind: 'strict'; readonly warnings: number; readonly first: Diagnostic };

/** A file a part delivered. */
export interface DeliveredOutput {
  readonly format: string;
  readonly path: string;
  readonly bytes: number;
  /** A short description of the content, e.g. `1234 facets`. */
  readonly summary: string;
  /** Set when parascad, not OpenSCAD, wrote this format (see the WASM engine's routes). */
  readonly note?: string;
  /** The geometry's facts, for the formats parascad reads (STL, OFF, 3MF, AMF, SVG, DXF). */
  readonly facts?: OutputFacts;
  /**
   * The SHA-256 of the bytes, when parascad knows it without reading the file again: the render's
   * own check of the file, or a cached part's outputs, checked against it as they were put in place.
   */
  readonly digest?: string;
  /**
   * The digest of its geometry (see `geometryDigest`), known with `digest` for the formats
   * parascad reads: recording the run then needs no second read of the file.
   */
  readonly geometryDigest?: string;
}

export type PartStatus = 'ok' | 'failed' | 'cancelled';

/**
 * The outcome of one part. A field added here (or to `RenderJob`, `RunEvent`) goes into
 * `run-event-schema.ts` too, then `npm run schema`: a test compares real events with the schema.
 */
export interface PartResult {
  readonly job: RenderJob;
  readonly engine: EngineId;
  readonly status: PartStatus;
  readonly failure?: FailureReason;
  /** Files written; empty unless the part rendered (or failed only under `--strict`). */
  readonly outputs: readonly DeliveredOutput[];
  readonly diagnostics: readonly Diagnostic[];
  /** Wall time of the render (the last attempt), in seconds. */
  readonly seconds: number;
  /** Tries it took: 1 unless it crashed or timed out and `--retries` allowed more. */
  readonly attempts: number;
  /** Peak memory of the render in bytes, where the engine can measure it. */
  readonly peakBytes?: number;
  /** Whether the model came out 2D or 3D, as OpenSCAD said. */
  readonly dimension?: '2d' | '3d';
  /** Time OpenSCAD reported for geometry (CGAL/Manifold); the rest is script evaluation and I/O. */
  readonly geometrySeconds?: number;
  /** Set when no CGAL or Manifold operation built the part (see `RenderSummary.plainGeometry`). */
  readonly plainGeometry?: true;
  /**
   * Everything OpenSCAD printed (its first and last 2 MiB when it printed more), for `--verbose`
   * and reports, as the `part-done` event carries it. The results a finished run returns keep only
   * its first and last 8 KiB (and the first 20 echoes among the diagnostics), so that a long
   * run's memory stays flat.
   */
  readonly console: string;
  /** Where it rendered when not in this machine's pool: a fleet worker (`host:pid`), or the fleet's store. */
  readonly where?: string;
  /**
   * Set when `auto` rendered the part again on this result's engine because it failed on
   * another one first: that engine and its failure (so a part that fails on both says both).
   */
  readonly fallbackFrom?: { readonly engine: EngineId; readonly failure: FailureReason };
  /**
   * Absolute paths of the files OpenSCAD opened, when the run asked for them (the cache records
   * them, with their digests, to know when the part must render again).
   */
  readonly dependencies?: readonly string[];
  /** Set when the part was not rendered but taken from the cache. */
  readonly cached?: CachedFrom;
}

/** Where a cached part's outputs came from. */
export interface CachedFrom {
  /** The part key of the cache entry. */
  readonly key: string;
  /** When the run that rendered it started (ISO 8601). */
  readonly renderedAt: string;
  /** That run's id. */
  readonly runId: string;
  /** What the render took then, in seconds. */
  readonly seconds: number;
  /** The engine that rendered it then: the entry's key holds it, so it is the engine's now. */
  readonly engine: EngineIdentity;
}
