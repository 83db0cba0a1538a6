import { rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { validateOutput } from '../outputs/validate-output.js';
import type { PlannedOutput } from '../plan/render-job.js';
import type { DeliveredOutput, FailureReason } from '../run/part-result.js';
import { tempNameBeside } from '../run/temp-names.js';
import type { BlobStore } from './blob-store.js';
import type { FleetOutput } from './fleet-job.js';
import { makeFolder } from '../util/make-folder.js';

export type Delivery =
  | { readonly kind: 'ok'; readonly outputs: readonly DeliveredOutput[] }
  | { readonly kind: 'failed'; readonly failure: FailureReason };

/**
 * Writes the outputs a worker rendered into their planned places, as a local render does: every
 * blob is fetched and checked against its digest (a tampered or expired one fails the part), then
 * checked as a model of its format, written under a temporary name beside its place, and only
 * when all of them are good renamed into place. A failure leaves no file and keeps the good files
 * of an earlier run.
 */
export async function deliverFleetOutputs(
  planned: readonly PlannedOutput[],
  rendered: readonly FleetOutput[],
  blobs: BlobStore,
): Promise<Delivery> {
  const temps: { temp: string; path: string }[] = [];
  try {
    const delivered: DeliveredOutput[] = [];
    for (const output of planned) {
      const from = rendered.find((candidate) => candidate.format === output.format);
      if (from === undefined) return failed({ kind: 'missing-output', format: output.format });
      const fetched = await blobs.get(from.digest);
      if (fetched.kind !== 'ok') {
        return failed({
          kind: 'invalid-output',
          format: output.format,
          message:
            fetched.kind === 'missing'
              ? `the rendered file (blob ${from.digest.slice(0, 12)}) is no longer in the fleet's store`
              : `the rendered file does not match its digest ${from.digest.slice(0, 12)} (tampered or corrupted in the store); refused`,
        });
      }
      const check = validateOutput(output.format, fetched.bytes);
      if (!check.ok) {
        return failed({ kind: 'invalid-output', format: output.format, message: check.reason });
      }
      await makeFolder(dirname(output.path));
      const temp = tempNameBeside(output.path);
      temps.push({ temp, path: output.path });
      await writeFile(temp, fetched.bytes);
      delivered.push({
        format: output.format,
        path: output.path,
        bytes: fetched.bytes.byteLength,
        summary: check.summary,
        ...(from.note === undefined ? {} : { note: from.note }),
      });
    }
    for (const { temp, path } of temps) await rename(temp, path);
    temps.length = 0;
    return { kind: 'ok', outputs: delivered };
  } finally {
    await Promise.all(temps.map(({ temp }) => rm(temp, { force: true })));
  }
}

function failed(failure: FailureReason): Delivery {
  return { kind: 'failed', failure };
}
