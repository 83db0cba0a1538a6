import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { DrawingMeasure, MeshMeasure } from '../formats/output-measure.js';
import type { Digest } from '../job/digest.js';
import type { EngineIdentity } from '../job/engine-identity.js';
import type { PartKey } from '../job/part-key.js';

/** A file a cached part delivered: its content is the blob of that digest. */
export interface CachedOutput {
  readonly format: string;
  readonly digest: Digest;
  readonly bytes: number;
  readonly summary: string;
  readonly note?: string;
  /** Its geometry's digest, null for a format parascad does not read (absent in older entries). */
  readonly geometry?: string | null;
  /** Its geometry's facts, so that a cached part is reviewed (`--strict`) like a rendered one. */
  readonly facts?: MeshMeasure | DrawingMeasure;
}

/** Files by their job path (see `inputPath`) → content digest, null for a file looked for and absent. */
export type DependencyDigests = Readonly<Record<string, Digest | null>>;

/** One successful render of a part, kept under its part key. */
export interface CacheEntry {
  readonly schema: 1;
  readonly key: PartKey;
  readonly programKey: Digest;
  /** The part's identity when it was stored (for `parascad cache` and debugging; not part of the key). */
  readonly partId: string;
  readonly engine: EngineIdentity;
  readonly outputs: readonly CachedOutput[];
  /** Shown again on every hit, so that a cached part is not quieter than a rendered one. */
  readonly diagnostics: readonly Diagnostic[];
  /** What the render took. */
  readonly seconds: number;
  readonly geometrySeconds?: number;
  readonly dimension?: '2d' | '3d';
  /** The files OpenSCAD opened, with their digests then. */
  readonly dependencies: DependencyDigests;
  /** The run that rendered it. */
  readonly run: { readonly id: string; readonly at: string };
}

/**
 * What the cache knows about one program on one engine (ccache's "direct mode" manifest): the
 * dependency sets of its recent renders, newest first. A set whose files all still have these
 * digests names the entry to use.
 */
export interface CacheManifest {
  readonly schema: 1;
  readonly candidates: readonly {
    readonly dependencies: DependencyDigests;
    readonly key: PartKey;
  }[];
}
