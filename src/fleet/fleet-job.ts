import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { PartJob } from '../job/part-job.js';
import type { FailureReason } from '../run/part-result.js';

/**
 * What a producer puts on the queue for one part: the self-contained {@link PartJob} (inputs by
 * digest; the files themselves are blobs) and the run it belongs to. A worker rebuilds the
 * program from the job's structured fields and never runs its program text.
 */
export interface FleetJobData {
  /** The wire format's version: a worker refuses what it does not understand. */
  readonly v: 1;
  /** The producing run: its results and its cancel reach only it. */
  readonly runId: string;
  readonly work: PartJob;
}

/** One output a worker rendered, stored as a blob. */
export interface FleetOutput {
  readonly format: string;
  readonly digest: string;
  readonly bytes: number;
  readonly summary: string;
  readonly note?: string;
}

/**
 * What a worker answers for a part (BullMQ keeps it as the job's return value, so it carries
 * digests, never files). Diagnostics name files relative to the project root (as the job does);
 * `declaredAtMarker` stands for the part's declaration, which only the producer knows.
 */
export interface FleetJobResult {
  readonly status: 'ok' | 'failed' | 'cancelled';
  readonly failure?: FailureReason;
  readonly outputs: readonly FleetOutput[];
  readonly diagnostics: readonly Diagnostic[];
  readonly seconds: number;
  readonly console: string;
  readonly peakBytes?: number;
  readonly geometrySeconds?: number;
  readonly plainGeometry?: true;
  readonly dimension?: '2d' | '3d';
  /** `host:pid` of the worker that rendered it. */
  readonly worker: string;
}

/** The file name a worker gives diagnostics about the part's generated program. */
export const declaredAtMarker = '<declared-at>';

/** What a worker reports through BullMQ's job progress when it starts a part. */
export interface FleetJobProgress {
  readonly worker: string;
}
