import { readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import * as z from 'zod';
import type { EngineId } from '../engines/engine.js';
import { outputFactsSchema } from '../formats/output-facts-schema.js';
import type { DrawingMeasure, MeshMeasure } from '../formats/output-measure.js';
import { defined } from '../util/defined.js';
import { stateFolderOf, type StateFolderOptions } from '../util/ensure-state-folder.js';
import { makeFolder } from '../util/make-folder.js';

/** What one render of a part cost on one engine. */
export interface Timing {
  /** Wall time of the render. */
  readonly seconds: number;
  /** Of which OpenSCAD reported spending this long on geometry; the rest is script evaluation. */
  readonly geometrySeconds?: number;
  /**
   * Set when no CGAL or Manifold operation built that geometry (2D, or a plain mesh): its time
   * compares between the engines as evaluation does (see `geometryRatio`).
   */
  readonly plainGeometry?: true;
  /** Peak memory of the render in bytes, where the engine measured it. */
  readonly peakBytes?: number;
  /** Whether the part came out 2D or 3D, to check its formats before the next render. */
  readonly dimension?: '2d' | '3d';
  /**
   * What its first measured output measured (volume or area, bounds), so that another route's
   * result can be checked against it (see {@link HybridVerdict}).
   */
  readonly facts?: MeshMeasure | DrawingMeasure;
  /** When it was measured (ISO 8601). */
  readonly at: string;
}

/** The last successful render of a part on each engine. */
export type PartHistory = Partial<Record<EngineId, Timing>>;

/**
 * Whether the hybrid route's result of a part agreed with the other routes' recorded results
 * (volume or area, and bounds): `auto` keeps to a route whose result it has checked.
 */
export interface HybridVerdict {
  readonly agrees: boolean;
  /** The route it was compared with and the numbers, e.g. `native: volume 4899 vs 5365 (+9.5%)`. */
  readonly detail: string;
  /** When it was judged (ISO 8601): a verdict older than the part's source is stale. */
  readonly at: string;
}

/** The last failed render of a part on an engine, newer than any success there. */
export interface FailureRecord {
  /** Why it failed, in one line (OpenSCAD's error, a crash, …). */
  readonly message: string;
  /** When it failed (ISO 8601). */
  readonly at: string;
}

/**
 * The engines a part last failed on (a success on an engine clears its failure), so that `auto`
 * never sends a part back to an engine that failed it while another renders it.
 */
export type PartFailures = Partial<Record<EngineId, FailureRecord>>;

const timingSchema = z.object({
  seconds: z.number().nonnegative(),
  geometrySeconds: z.number().nonnegative().optional(),
  plainGeometry: z.literal(true).optional(),
  peakBytes: z.number().int().nonnegative().optional(),
  dimension: z.enum(['2d', '3d']).optional(),
  facts: outputFactsSchema.optional(),
  at: z.string(),
});
const verdictSchema = z.object({ agrees: z.boolean(), detail: z.string(), at: z.string() });
const failureSchema = z.object({ message: z.string(), at: z.string() });
const historySchema = z.object({
  version: z.literal(1),
  parts: z.record(
    z.string(),
    z.object({
      native: timingSchema.optional(),
      wasm: timingSchema.optional(),
      hybrid: timingSchema.optional(),
      failed: z
        .object({
          native: failureSchema.optional(),
          wasm: failureSchema.optional(),
          hybrid: failureSchema.optional(),
        })
        .optional(),
      hybridVerdict: verdictSchema.optional(),
    }),
  ),
});

/**
 * Measured render times per part and engine, kept in the project's `.parascad/history.json`.
 * They decide which engine `auto` picks for a part and which parts start first.
 */
export class HistoryStore {
  /** The parts this store recorded something of: {@link save} keeps the file's word on the rest. */
  private readonly changed = new Set<string>();

  private constructor(
    /** Where the history is kept. */
    readonly file: string,
    private readonly parts: Map<string, PartHistory>,
    private readonly failures: Map<string, PartFailures>,
    private readonly verdicts: Map<string, HybridVerdict> = new Map(),
  ) {}

  /** The history file of a project folder. */
  static fileFor(projectDir: string, options: StateFolderOptions = {}): string {
    return join(stateFolderOf(projectDir, options), 'history.json');
  }

  /** Loads the history; a missing or unreadable file starts an empty one (it is only a cache of measurements). */
  static async load(file: string): Promise<HistoryStore> {
    try {
      const parsed = historySchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
      if (parsed.success) {
        const entries = Object.entries(parsed.data.parts);
        return new HistoryStore(
          file,
          new Map(entries.map(([id, part]) => [id, clean(part)])),
          new Map(
            entries.flatMap(([id, part]) =>
              part.failed === undefined ? [] : [[id, cleanFailures(part.failed)] as const],
            ),
          ),
          new Map(
            entries.flatMap(([id, part]) =>
              part.hybridVerdict === undefined ? [] : [[id, part.hybridVerdict] as const],
            ),
          ),
        );
      }
    } catch {
      // Missing or corrupt: measurements are re-taken by the next renders.
    }
    return new HistoryStore(file, new Map(), new Map());
  }

  get(partId: string): PartHistory | undefined {
    return this.parts.get(partId);
  }

  /** Every part's recorded times, e.g. to measure how the engines compare on this project. */
  all(): PartHistory[] {
    return [...this.parts.values()];
  }

  /**
   * The engines the part last failed on. With `sinceMs` (when its source last changed), older
   * failures are left out: an edited model deserves a fresh try.
   */
  failuresOf(partId: string, sinceMs?: number): PartFailures {
    const failures = this.failures.get(partId) ?? {};
    if (sinceMs === undefined) return failures;
    return Object.fromEntries(
      Object.entries(failures).filter(([, failure]) => Date.parse(failure.at) >= sinceMs),
    );
  }

  /** Remembers that the part failed on an engine, until it renders there again. */
  recordFailure(partId: string, engine: EngineId, failure: FailureRecord): void {
    this.changed.add(partId);
    this.failures.set(partId, { ...this.failures.get(partId), [engine]: failure });
  }

  /**
   * Whether the part's hybrid result agreed with its other routes' results; with `sinceMs` (when
   * its source last changed), an older verdict is left out: the edited model is judged again.
   */
  hybridVerdictOf(partId: string, sinceMs?: number): HybridVerdict | undefined {
    const verdict = this.verdicts.get(partId);
    if (verdict === undefined || sinceMs === undefined) return verdict;
    return Date.parse(verdict.at) >= sinceMs ? verdict : undefined;
  }

  /** Remembers whether the part's hybrid result agreed with its other routes'. */
  recordHybridVerdict(partId: string, verdict: HybridVerdict): void {
    this.changed.add(partId);
    this.verdicts.set(partId, verdict);
  }

  /** Whether the part last came out 2D or 3D, on whichever engine rendered it last. */
  dimensionOf(partId: string): '2d' | '3d' | undefined {
    const part = this.parts.get(partId);
    const latest = [part?.native, part?.wasm, part?.hybrid]
      .filter((timing): timing is Timing => timing?.dimension !== undefined)
      .sort((a, b) => b.at.localeCompare(a.at))[0];
    return latest?.dimension;
  }

  /** Records a successful render, which also clears an earlier failure on that engine. */
  record(partId: string, engine: EngineId, timing: Timing): void {
    this.changed.add(partId);
    this.parts.set(partId, { ...this.parts.get(partId), [engine]: timing });
    const failures = this.failures.get(partId);
    if (failures?.[engine] === undefined) return;
    const rest = Object.fromEntries(
      Object.entries(failures).filter(([failed]) => failed !== engine),
    );
    if (Object.keys(rest).length === 0) this.failures.delete(partId);
    else this.failures.set(partId, rest);
  }

  /**
   * Writes atomically, so a run killed while saving never leaves a truncated file. Parts this
   * store recorded nothing of are taken from the file as it is now, so that two runs of one
   * project at once (two `render()` calls on different parts) both keep what they measured.
   */
  async save(): Promise<void> {
    const current = await HistoryStore.load(this.file);
    for (const id of new Set([
      ...this.parts.keys(),
      ...this.failures.keys(),
      ...this.verdicts.keys(),
      ...current.parts.keys(),
      ...current.failures.keys(),
      ...current.verdicts.keys(),
    ])) {
      if (this.changed.has(id)) continue;
      for (const [mine, theirs] of [
        [this.parts, current.parts],
        [this.failures, current.failures],
        [this.verdicts, current.verdicts],
      ] as const) {
        const value = theirs.get(id);
        if (value === undefined) mine.delete(id);
        // The maps hold one kind each; the pairs above keep them apart.
        else (mine as Map<string, unknown>).set(id, value);
      }
    }
    await makeFolder(dirname(this.file));
    const temp = `${this.file}.${process.pid}.tmp`;
    const ids = [
      ...new Set([...this.parts.keys(), ...this.failures.keys(), ...this.verdicts.keys()]),
    ].sort((a, b) => a.localeCompare(b));
    const parts = Object.fromEntries(
      ids.map((id) => {
        const failed = this.failures.get(id);
        const hybridVerdict = this.verdicts.get(id);
        return [id, { ...this.parts.get(id), ...defined({ failed, hybridVerdict }) }];
      }),
    );
    await writeFile(temp, `${JSON.stringify({ version: 1, parts }, null, 2)}\n`);
    await rename(temp, this.file);
  }
}

function clean(part: z.infer<typeof historySchema>['parts'][string]): PartHistory {
  const result: { -readonly [K in EngineId]?: Timing } = {};
  for (const engine of ['native', 'wasm', 'hybrid'] as const) {
    const timing = part[engine];
    if (timing === undefined) continue;
    result[engine] = {
      seconds: timing.seconds,
      at: timing.at,
      ...defined({
        geometrySeconds: timing.geometrySeconds,
        plainGeometry: timing.plainGeometry,
        peakBytes: timing.peakBytes,
        dimension: timing.dimension,
        facts: timing.facts,
      }),
    };
  }
  return result;
}

function cleanFailures(
  failed: NonNullable<z.infer<typeof historySchema>['parts'][string]['failed']>,
): PartFailures {
  return Object.fromEntries(
    (['native', 'wasm', 'hybrid'] as const).flatMap((engine) => {
      const failure = failed[engine];
      return failure === undefined ? [] : [[engine, { message: failure.message, at: failure.at }]];
    }),
  );
}
