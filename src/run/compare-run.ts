import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { comparePart } from '../changes/compare-part.js';
import { readBaseline } from '../changes/read-baseline.js';
import { recordKnownOutput, recordOutput } from '../changes/record-part.js';
import type { PartChange, RunChanges } from '../changes/run-changes-schema.js';
import {
  loadRunRecord,
  runRecordFile,
  saveRunRecord,
  type OutputRecord,
  type PartRecord,
  type RunRecord,
} from '../changes/run-record.js';
import type { ConfigProblem } from '../errors.js';
import type { RenderJob } from '../plan/render-job.js';
import { commonFolder } from '../util/common-folder.js';
import { relativePath } from '../util/relative-path.js';
import type { PartResult } from './part-result.js';

/** What comparing a run needs from it. */
export interface CompareRunInput {
  readonly projectDir: string;
  /** The project's state folder, where the last run's record is kept. */
  readonly stateFolder: string;
  /**
   * Every part of the project the run planned, rendered or not (a `watch` round's others too):
   * a recorded part not among them, from a file among theirs or a file gone, is gone.
   */
  readonly jobs: readonly RenderJob[];
  readonly results: readonly PartResult[];
  /** When the run started (ISO 8601), recorded for the next run. */
  readonly startedAt: string;
  /** Compare with this folder of outputs instead of the previous run (`--baseline`). */
  readonly baseline?: string;
  /** The folder outputs are written below, to find them in the baseline. */
  readonly outDir?: string;
  /** Where the cache keeps the bytes of a digest, when there is a cache. */
  readonly blobPath?: (digest: string) => string;
  /** False when the project's state folder cannot be written: the run is compared, not recorded. */
  readonly record?: boolean;
  /** Whether part names picked the parts: then the others are left out, not gone. */
  readonly pickedByName: boolean;
}

/**
 * Compares each part that rendered (or came from the cache) with the previous run's record in
 * `.parascad/last-run.json` — or with a baseline folder — and records this run for the next one.
 * Parts this run did not render keep their record, so a failed part compares with its last good
 * outputs; a part is gone when its file is gone, or its file rendered without it (not when part
 * names picked the parts). A record that cannot be written (a read-only project) is a warning.
 * The first run of a project (no record, no baseline) compares nothing.
 */
export async function compareRun(input: CompareRunInput): Promise<{
  /** Absent on a project's first run: there is no previous record, and no baseline. */
  readonly changes?: RunChanges;
  readonly warnings: readonly ConfigProblem[];
}> {
  const file = runRecordFile(input.stateFolder);
  const recorded = await loadRunRecord(file);
  const current = await currentParts(input, recorded);

  const baseline =
    input.baseline === undefined
      ? undefined
      : await readBaseline(
          input.baseline,
          input.jobs,
          input.outDir ??
            commonFolder(input.jobs.flatMap((job) => job.outputs.map((o) => o.path))) ??
            input.projectDir,
          input.projectDir,
        );
  const parts: Record<string, PartChange> = {};
  const earlier =
    baseline === undefined
      ? earlierRecords(input, recorded, current)
      : new Map<string, { readonly id: string; readonly part: PartRecord }>();
  for (const [id, part] of current) {
    parts[id] =
      baseline === undefined
        ? comparePart(part, recorded?.parts[id] ?? earlier.get(id)?.part, (_format, output) =>
            blobOf(input, output),
          )
        : comparePart(part, baseline.parts.get(id), (format) =>
            baseline.files.get(id)?.get(format),
          );
  }
  const superseded = new Set([...earlier.values()].map((found) => found.id));
  const gone =
    baseline === undefined
      ? goneParts(input, recorded).filter((part) => !superseded.has(part.id))
      : baseline.unmatched.map((place) => ({ id: place, name: place }));
  const statuses = Object.values(parts).map((part) => part.status);
  const changes: RunChanges = {
    against: baseline === undefined ? 'previous-run' : 'baseline',
    ...(input.baseline === undefined ? {} : { baseline: input.baseline }),
    ...(baseline === undefined && recorded !== undefined ? { previousRunAt: recorded.at } : {}),
    parts,
    unchanged: statuses.filter((status) => status === 'unchanged').length,
    changed: statuses.filter((status) => status === 'changed').length,
    new: statuses.filter((status) => status === 'new').length,
    gone,
  };

  const goneIds = new Set(
    baseline === undefined ? [...gone.map((part) => part.id), ...superseded] : [],
  );
  const next: RunRecord = {
    version: 1,
    at: input.startedAt,
    parts: {
      ...Object.fromEntries(
        Object.entries(recorded?.parts ?? {}).filter(([id]) => !goneIds.has(id)),
      ),
      ...Object.fromEntries(current),
    },
  };
  // A project's first run has nothing to compare with: it only records, and says nothing.
  const compared = baseline === undefined && recorded === undefined ? {} : { changes };
  if (input.record === false) return { ...compared, warnings: [] };
  try {
    await saveRunRecord(file, next);
    return { ...compared, warnings: [] };
  } catch (error) {
    return {
      ...compared,
      warnings: [
        {
          message: `could not record this run's outputs in ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)}): the next run cannot say what changed`,
        },
      ],
    };
  }
}

/**
 * The record of each part that delivered outputs, read from the files it wrote. An output whose
 * digest is known (a cached part's) and equals the previous run's keeps that record: digests,
 * geometry and facts are all functions of the bytes, so reading and measuring them again would
 * only cost time — most of a re-run with nothing changed, once.
 */
async function currentParts(
  input: CompareRunInput,
  recorded: RunRecord | undefined,
): Promise<Map<string, PartRecord>> {
  const parts = new Map<string, PartRecord>();
  for (const result of input.results) {
    if (result.outputs.length === 0) continue;
    const outputs: Record<string, OutputRecord> = {};
    for (const output of result.outputs) {
      const before = recorded?.parts[result.job.id]?.outputs[output.format];
      const record =
        output.digest !== undefined && output.digest === before?.digest
          ? before
          : output.digest !== undefined && output.geometryDigest !== undefined
            ? recordKnownOutput(output, output.digest, output.geometryDigest)
            : await recordOutput(output.format, output.path, output.facts);
      if (record !== undefined) outputs[output.format] = record;
    }
    parts.set(result.job.id, {
      name: result.job.name,
      file: relativePath(input.projectDir, result.job.scadFile),
      engine: result.engine,
      outputs,
    });
  }
  return parts;
}

/**
 * For each part new to the record, the recorded part of the same name and file that this run no
 * longer plans, if any: the same part with other values (a `-D`, a config's `params`, a set's
 * value, the quality: they are in the part's id). It is compared with that record, which it
 * replaces, so that a changed value shows as a change with its deltas, not as a new part and a
 * gone one.
 */
function earlierRecords(
  input: CompareRunInput,
  recorded: RunRecord | undefined,
  current: ReadonlyMap<string, PartRecord>,
): Map<string, { readonly id: string; readonly part: PartRecord }> {
  const found = new Map<string, { readonly id: string; readonly part: PartRecord }>();
  if (recorded === undefined) return found;
  const planned = new Set(input.jobs.map((job) => job.id));
  const unplanned = new Map<string, { id: string; part: PartRecord }>();
  for (const [id, part] of Object.entries(recorded.parts)) {
    if (!planned.has(id)) unplanned.set(`${part.file}\0${part.name}`, { id, part });
  }
  for (const [id, part] of current) {
    if (recorded.parts[id] !== undefined) continue;
    const same = unplanned.get(`${part.file}\0${part.name}`);
    if (same !== undefined) found.set(id, same);
  }
  return found;
}

/** Recorded parts that are gone: their file is gone, or it rendered in this run without them. */
function goneParts(
  input: CompareRunInput,
  recorded: RunRecord | undefined,
): { id: string; name: string }[] {
  if (recorded === undefined || input.pickedByName) return [];
  const planned = new Set(input.jobs.map((job) => job.id));
  const files = new Set(input.jobs.map((job) => relativePath(input.projectDir, job.scadFile)));
  // A part planned under another id (its values changed) that delivered nothing is not gone.
  const named = new Set(
    input.jobs.map((job) => `${relativePath(input.projectDir, job.scadFile)}\0${job.name}`),
  );
  return Object.entries(recorded.parts)
    .filter(
      ([id, part]) =>
        !planned.has(id) &&
        !named.has(`${part.file}\0${part.name}`) &&
        (files.has(part.file) || !existsSync(resolve(input.projectDir, part.file))),
    )
    .map(([id, part]) => ({ id, name: part.name }));
}

function blobOf(input: CompareRunInput, output: OutputRecord): string | undefined {
  const path = input.blobPath?.(output.digest);
  return path !== undefined && existsSync(path) ? path : undefined;
}
