import type { RenderJob } from '../plan/render-job.js';
import type { PartEstimate, RunEvent, StoppingReason } from '../run/run-event.js';
import { unreachable } from '../util/unreachable.js';
import { estimateRemaining } from './estimate-remaining.js';

/** A part rendering now, as the heartbeat and the live window show it. */
export interface RunningPartProgress {
  readonly name: string;
  readonly elapsedSeconds: number;
  readonly expectedSeconds: number;
  /** False when the expected time is a guess (the part was never rendered on this engine). */
  readonly known: boolean;
  /** 1 for the first try, 2 for the first retry, … */
  readonly attempt: number;
  /** A fleet worker rendering it (`host:pid`), when not this machine. */
  readonly where?: string;
}

/** Where a run stands at one moment. */
export interface ProgressSnapshot {
  /** Every part of the run. */
  readonly total: number;
  /** Parts finished, whatever their outcome: `ok + failed + cancelled`. */
  readonly done: number;
  readonly ok: number;
  readonly failed: number;
  readonly cancelled: number;
  /** In the order they started. */
  readonly running: readonly RunningPartProgress[];
  /** Names of the parts that failed so far, in the order they finished. */
  readonly failedNames: readonly string[];
  /** Set once no more parts start. */
  readonly stopping?: StoppingReason;
  /**
   * Seconds until the run is expected to end (see `estimateRemaining`); absent after `--fail-fast`
   * stopped the run, when the running parts are being stopped rather than finished.
   */
  readonly etaSeconds?: number;
}

/** Folds a run's events into where it stands, for reporters that show progress. */
export interface RunProgress {
  apply(event: RunEvent): void;
  snapshot(): ProgressSnapshot;
}

interface Running {
  readonly job: RenderJob;
  /** From `now()`, in milliseconds. */
  readonly startedAt: number;
  readonly expected: PartEstimate;
  readonly attempt: number;
  readonly where?: string | undefined;
}

/** What an unknown part is counted for when the run announced no estimate for it. */
const missingEstimate: PartEstimate = { seconds: 0, known: false };

/**
 * Tracks a run from its events: which parts wait, which run since when, how many finished how.
 * `now` gives milliseconds; elapsed times and the ETA are measured with it.
 */
export function createRunProgress(now: () => number): RunProgress {
  let total = 0;
  let concurrency = 1;
  let estimates: Readonly<Record<string, PartEstimate>> = {};
  const pending = new Set<string>();
  const running = new Map<string, Running>();
  const failedNames: string[] = [];
  let ok = 0;
  let failed = 0;
  let cancelled = 0;
  let stopping: StoppingReason | undefined;

  return {
    apply(event) {
      switch (event.type) {
        case 'run-start':
          total = event.jobs.length;
          concurrency = event.concurrency;
          estimates = event.estimates;
          for (const job of event.jobs) pending.add(job.id);
          break;
        case 'part-start':
          pending.delete(event.job.id);
          running.set(event.job.id, {
            job: event.job,
            startedAt: now(),
            expected: event.expected,
            attempt: event.attempt,
            where: event.where,
          });
          break;
        case 'part-retry':
          // The part waits again for a worker; a retry is queued first, but it is not running.
          running.delete(event.job.id);
          pending.add(event.job.id);
          break;
        case 'part-done': {
          const { job, status } = event.result;
          pending.delete(job.id);
          running.delete(job.id);
          if (status === 'ok') ok++;
          else if (status === 'failed') {
            failed++;
            failedNames.push(job.name);
          } else cancelled++;
          break;
        }
        case 'stopping':
          stopping = event.reason;
          break;
        case 'warning':
        case 'run-done':
        case 'run-error':
          break;
        default:
          unreachable(event);
      }
    },

    snapshot() {
      const at = now();
      const parts = [...running.values()].map((part): RunningPartProgress => ({
        name: part.job.name,
        elapsedSeconds: Math.max(0, (at - part.startedAt) / 1000),
        expectedSeconds: part.expected.seconds,
        known: part.expected.known,
        attempt: part.attempt,
        ...(part.where === undefined ? {} : { where: part.where }),
      }));
      const base = {
        total,
        done: ok + failed + cancelled,
        ok,
        failed,
        cancelled,
        running: parts,
        failedNames: [...failedNames],
      };
      if (stopping === 'fail-fast') return { ...base, stopping };
      const etaSeconds = estimateRemaining({
        running: parts,
        // Once interrupted, waiting parts never start: only the running ones are left.
        pending:
          stopping === 'interrupted'
            ? []
            : [...pending].map((id) => (estimates[id] ?? missingEstimate).seconds),
        concurrency,
      });
      return stopping === undefined ? { ...base, etaSeconds } : { ...base, stopping, etaSeconds };
    },
  };
}
