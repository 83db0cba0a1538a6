import type { Digest } from '../job/digest.js';
import type { PartJob } from '../job/part-job.js';
import { keyOf, programKey, type PartKey } from '../job/part-key.js';
import type { CacheEntry, CachedOutput, DependencyDigests } from './cache-entry.js';
import type { CacheStore } from './cache-store.js';
import {
  currentDigests,
  firstDifference,
  recordDependencies,
  type FilePlaces,
} from './dependency-digests.js';

/** Dependency sets kept per program and engine: a few recent variants (ccache keeps more). */
const candidatesKept = 8;

/** What the cache says about a part. */
export type CacheLookup =
  | { readonly kind: 'hit'; readonly entry: CacheEntry; readonly work: PartJob }
  | {
      readonly kind: 'miss';
      /** Why it must render, for `--verbose` and `--json`: `dims.scad changed`, `not in the cache`. */
      readonly reason: string;
      /** Set when the store held something damaged: the user is told. */
      readonly damaged?: boolean;
    };

/** A successful render, to store. */
export interface RenderedPart {
  readonly work: PartJob;
  readonly partId: string;
  /** The outputs now in place: format, final path, and what the validator said. */
  readonly outputs: readonly {
    readonly format: string;
    readonly path: string;
    readonly summary: string;
    readonly note?: string;
    readonly facts?: CachedOutput['facts'];
    /** Its bytes' and geometry's digests, when the render's check took them. */
    readonly digest?: string;
    readonly geometryDigest?: string;
  }[];
  readonly diagnostics: CacheEntry['diagnostics'];
  readonly seconds: number;
  readonly geometrySeconds?: number;
  readonly dimension?: '2d' | '3d';
  /** Absolute paths OpenSCAD opened; undefined when it could not say. */
  readonly opened: readonly string[] | undefined;
  /** Absolute paths OpenSCAD would look at that did not exist. */
  readonly absent: readonly string[];
}

/**
 * The cache as a run uses it: finds a part's entry by its program key and the recorded
 * dependencies (checked by content), and stores successful renders. Failures are never stored.
 */
export class PartCache {
  constructor(
    readonly store: CacheStore,
    private readonly places: FilePlaces,
    private readonly run: { readonly id: string; readonly at: string },
  ) {}

  /**
   * Looks for an entry of the part on each engine it may use, in order (the engine `auto` chose
   * first): a part whose engine choice moved still hits.
   */
  async lookup(works: readonly PartJob[]): Promise<CacheLookup> {
    let reason: string | undefined;
    let damaged = false;
    for (const work of works) {
      const found = await this.lookupOn(work);
      if (found.kind === 'hit') return found;
      reason ??= found.reason;
      damaged ||= found.damaged === true;
    }
    return { kind: 'miss', reason: reason ?? 'not in the cache', ...(damaged ? { damaged } : {}) };
  }

  private async lookupOn(work: PartJob): Promise<CacheLookup> {
    const program = programKey(work);
    const manifest = this.store.readManifest(program);
    if (manifest === undefined || manifest.candidates.length === 0) {
      return { kind: 'miss', reason: 'not in the cache' };
    }
    let difference: string | undefined;
    for (const candidate of manifest.candidates) {
      const now = await currentDigests(Object.keys(candidate.dependencies), this.places);
      const changed = firstDifference(candidate.dependencies, now);
      if (changed !== undefined) {
        difference ??= changed;
        continue;
      }
      const key = keyOf(program, now);
      const read = this.store.readEntry(key);
      if (read.kind === 'found') return { kind: 'hit', entry: read.entry, work };
      if (read.kind === 'corrupt') {
        return {
          kind: 'miss',
          reason: `its cache entry is damaged: ${read.reason}`,
          damaged: true,
        };
      }
      difference ??= 'its cache entry was evicted';
    }
    return { kind: 'miss', reason: difference ?? 'not in the cache' };
  }

  /** Stores a successful render; answers false when OpenSCAD could not say which files it read. */
  async save(part: RenderedPart): Promise<boolean> {
    if (part.opened === undefined) return false;
    const dependencies = await recordDependencies(part.opened, part.absent, this.places);
    const program = programKey(part.work);
    const key = keyOf(program, dependencies);
    const outputs: CachedOutput[] = [];
    for (const output of part.outputs) {
      const blob = await this.store.putBlob(output.path);
      outputs.push({
        format: output.format,
        digest: blob.digest,
        bytes: blob.bytes,
        summary: output.summary,
        ...(output.note === undefined ? {} : { note: output.note }),
        // null: the check read the file and found no geometry parascad reads (a PNG).
        ...(output.digest === undefined ? {} : { geometry: output.geometryDigest ?? null }),
        ...(output.facts === undefined ? {} : { facts: output.facts }),
      });
    }
    await this.store.writeEntry({
      schema: 1,
      key,
      programKey: program,
      partId: part.partId,
      engine: part.work.engine,
      outputs,
      diagnostics: part.diagnostics,
      seconds: part.seconds,
      ...(part.geometrySeconds === undefined ? {} : { geometrySeconds: part.geometrySeconds }),
      ...(part.dimension === undefined ? {} : { dimension: part.dimension }),
      dependencies,
      run: this.run,
    });
    await this.addCandidate(program, dependencies, key);
    return true;
  }

  private async addCandidate(
    program: Digest,
    dependencies: DependencyDigests,
    key: PartKey,
  ): Promise<void> {
    const manifest = this.store.readManifest(program);
    const others = (manifest?.candidates ?? []).filter((candidate) => candidate.key !== key);
    await this.store.writeManifest(program, {
      schema: 1,
      candidates: [{ dependencies, key }, ...others].slice(0, candidatesKept),
    });
  }
}
