import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import * as z from 'zod';
import { engineIdSchema } from '../engines/engine-id-schema.js';
import { outputFactsSchema } from '../formats/output-facts-schema.js';
import type { DeepReadonly } from '../util/deep-readonly.js';
import { ensureStateFolder } from '../util/ensure-state-folder.js';
import { writeAtomic } from '../util/write-atomic.js';

const outputRecordSchema = z.object({
  digest: z.string(),
  bytes: z.number().int(),
  /** See `geometryDigest`: equal for files with the same geometry in another order. */
  geometry: z.string().exactOptional(),
  facts: outputFactsSchema.exactOptional(),
});

const partRecordSchema = z.object({
  name: z.string(),
  /** The part's .scad file, relative to the project folder. */
  file: z.string(),
  /**
   * The engine that rendered the outputs. Absent from records written before parascad kept it,
   * and from a baseline's (its files do not say what wrote them).
   */
  engine: engineIdSchema.exactOptional(),
  outputs: z.record(z.string(), outputRecordSchema),
});

const runRecordSchema = z.object({
  version: z.literal(1),
  /** When the run that last rendered these parts started. */
  at: z.string(),
  parts: z.record(z.string(), partRecordSchema),
});

/** One output as a run left it: what the next run compares its own with. */
export type OutputRecord = DeepReadonly<z.output<typeof outputRecordSchema>>;
/** A part's outputs as a run left them, by format. */
export type PartRecord = DeepReadonly<z.output<typeof partRecordSchema>>;
/** Every part's outputs as the runs of a project last left them, by part id. */
export type RunRecord = DeepReadonly<z.output<typeof runRecordSchema>>;

/** Where a project keeps its last run's record: beside its render history, in its state folder. */
export function runRecordFile(stateFolder: string): string {
  return join(stateFolder, 'last-run.json');
}

/** The record the last run left, or undefined when there is none or it cannot be read. */
export async function loadRunRecord(file: string): Promise<RunRecord | undefined> {
  try {
    const parsed = runRecordSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    // Missing or damaged: this run compares with nothing, and leaves a good record for the next.
    return undefined;
  }
}

/** Writes the record atomically, creating `.parascad/` (with its `.gitignore`) when needed. */
export async function saveRunRecord(file: string, record: RunRecord): Promise<void> {
  await ensureStateFolder(dirname(file));
  await writeAtomic(file, `${JSON.stringify(record)}\n`);
}
