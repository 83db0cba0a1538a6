import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import type { EngineId } from '../engines/engine.js';
import { defined } from '../util/defined.js';

/** What one render of a part cost on one engine. */
export interface Timing {
  /** Wall time of the render. */
  readonly seconds: number;
  /** Of which OpenSCAD reported spending this long on geometry; the rest is script evaluation. */
  readonly geometrySeconds?: number;
  /** Peak memory of the render in bytes, where the engine measured it. */
  readonly peakBytes?: number;
  /** Whether the part came out 2D or 3D, to check its formats before the next render. */
  readonly dimension?: '2d' | '3d';
  /** When it was measured (ISO 8601). */
  readonly at: string;
}

/** The last successful render of a part on each engine. */
export type PartHistory = Partial<Record<EngineId, Timing>>;

const timingSchema = z.object({
  seconds: z.number().nonnegative(),
  geometrySeconds: z.number().nonnegative().optional(),
  peakBytes: z.number().int().nonnegative().optional(),
  dimension: z.enum(['2d', '3d']).optional(),
  at: z.string(),
});
const historySchema = z.object({
  version: z.literal(1),
  parts: z.record(
    z.string(),
    z.object({ native: timingSchema.optional(), wasm: timingSchema.optional() }),
  ),
});

/**
 * Measured render times per part and engine, kept in the project's `.parascad/history.json`.
 * They decide which engine `auto` picks for a part and which parts start first.
 */
export class HistoryStore {
  private constructor(
    /** Where the history is kept. */
    readonly file: string,
    private readonly parts: Map<string, PartHistory>,
  ) {}

  /** The history file of a project folder. */
  static fileFor(projectDir: string): string {
    return join(projectDir, '.parascad', 'history.json');
  }

  /** Loads the history; a missing or unreadable file starts an empty one (it is only a cache of measurements). */
  static async load(file: string): Promise<HistoryStore> {
    try {
      const parsed = historySchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
      if (parsed.success) {
        return new HistoryStore(
          file,
          new Map(Object.entries(parsed.data.parts).map(([id, part]) => [id, clean(part)])),
        );
      }
    } catch {
      // Missing or corrupt: measurements are re-taken by the next renders.
    }
    return new HistoryStore(file, new Map());
  }

  get(partId: string): PartHistory | undefined {
    return this.parts.get(partId);
  }

  /** Whether the part last came out 2D or 3D, on whichever engine rendered it last. */
  dimensionOf(partId: string): '2d' | '3d' | undefined {
    const part = this.parts.get(partId);
    const latest = [part?.native, part?.wasm]
      .filter((timing): timing is Timing => timing?.dimension !== undefined)
      .sort((a, b) => b.at.localeCompare(a.at))[0];
    return latest?.dimension;
  }

  record(partId: string, engine: EngineId, timing: Timing): void {
    this.parts.set(partId, { ...this.parts.get(partId), [engine]: timing });
  }

  /** Writes atomically, so a run killed while saving never leaves a truncated file. */
  async save(): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    const parts = Object.fromEntries([...this.parts].sort(([a], [b]) => a.localeCompare(b)));
    await writeFile(temp, `${JSON.stringify({ version: 1, parts }, null, 2)}\n`);
    await rename(temp, this.file);
  }
}

function clean(part: z.infer<typeof historySchema>['parts'][string]): PartHistory {
  const result: { -readonly [K in EngineId]?: Timing } = {};
  for (const engine of ['native', 'wasm'] as const) {
    const timing = part[engine];
    if (timing === undefined) continue;
    result[engine] = {
      seconds: timing.seconds,
      at: timing.at,
      ...defined({
        geometrySeconds: timing.geometrySeconds,
        peakBytes: timing.peakBytes,
        dimension: timing.dimension,
      }),
    };
  }
  return result;
}
