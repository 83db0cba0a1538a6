import type { RenderJob } from '../plan/render-job.js';
import type { PartEstimate, RunEvent, StoppingReason } from '../run/run-event.js';
import { unreachable } from '../util/unreachable.js';
import { estimateRemaining } from './estimate-remaining.js';
import { workWeights } from './work-weights.js';

/** A part rendering now, as the heartbeat and the live window show it. */
export interface RunningPartProgress {
  readonly name: string;
  readonly elapsedSeconds: number;
  /** What it is expected to take in all; absent when its estimate has nothing to go by. */
  readonly expectedSeconds?: number;
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
  /** Since the run started. */
  readonly elapsedSeconds: number;
  /**
   * How much of the run's work is done, from 0 to 1, for the bar: the estimated seconds of the
   * finished parts and of what the running ones have rendered, over the estimated seconds of all
   * (see {@link createRunProgress}); finished parts over all parts when no part has an estimate.
   */
  readonly workDone: number;
  /** Parts left (waiting or running) whose estimate has nothing to go by: no ETA then. */
  readonly unestimated: number;
  /**
   * Seconds until the run is expected to end (see `estimateRemaining`); absent when a part left
   * has no estimate (a wrong ETA is worse than none), and after `--fail-fast` stopped the run,
   * when the running parts are being stopped rather than finished.
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

/** The share of its weight a running part counts for at most, however long past its estimate. */
const runningShareLimit = 0.9;

/** What an unknown part is counted for when the run announced no estimate for it. */
const missingEstimate: PartEstimate = { seconds: 0, basis: 'none' };

/**
 * Tracks a run from its events: which parts wait, which run since when, how many finished how.
 * `now` gives milliseconds; elapsed times and the ETA are measured with it.
 *
 * For the bar, each part weighs its estimated seconds (see `workWeights`); a running part counts
 * for the share of its expected time it has rendered, up to 90% until it is done (so the bar is
 * never full while a part runs), and one without an estimate for nothing until it is done.
 */
export function createRunProgress(now: () => number): RunProgress {
  let total = 0;
  let concurrency = 1;
  let estimates: Readonly<Record<string, PartEstimate>> = {};
  let weights = new Map<string, number>();
  let startedAt = now();
  let doneWork = 0;
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
          weights = workWeights(
            event.jobs.map((job) => job.id),
            event.estimates,
          );
          startedAt = now();
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
          doneWork += weights.get(job.id) ?? 0;
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
      const active = [...running.values()].map((part) => ({
        part,
        elapsedSeconds: Math.max(0, (at - part.startedAt) / 1000),
      }));
      const parts = active.map(({ part, elapsedSeconds }): RunningPartProgress => ({
        name: part.job.name,
        elapsedSeconds,
        ...(part.expected.basis === 'none' ? {} : { expectedSeconds: part.expected.seconds }),
        attempt: part.attempt,
        ...(part.where === undefined ? {} : { where: part.where }),
      }));
      // Once interrupted, waiting parts never start: only the running ones are left.
      const waiting =
        stopping === 'interrupted'
          ? []
          : [...pending].map((id) => estimates[id] ?? missingEstimate);
      const unestimated = [...active.map(({ part }) => part.expected), ...waiting].filter(
        (estimate) => estimate.basis === 'none',
      ).length;
      const totalWork = [...weights.values()].reduce((sum, weight) => sum + weight, 0);
      const runningWork = active.reduce((sum, { part, elapsedSeconds }) => {
        const expected = part.expected.seconds;
        if (part.expected.basis === 'none' || expected <= 0) return sum;
        const share = Math.min(runningShareLimit, elapsedSeconds / expected);
        return sum + (weights.get(part.job.id) ?? 0) * share;
      }, 0);
      const base = {
        total,
        done: ok + failed + cancelled,
        ok,
        failed,
        cancelled,
        running: parts,
        failedNames: [...failedNames],
        elapsedSeconds: Math.max(0, (at - startedAt) / 1000),
        workDone: totalWork > 0 ? Math.min(1, (doneWork + runningWork) / totalWork) : 0,
        unestimated,
      };
      if (stopping === 'fail-fast') return { ...base, stopping };
      const eta =
        unestimated > 0
          ? {}
          : {
              etaSeconds: estimateRemaining({
                running: active.map(({ part, elapsedSeconds }) => ({
                  expectedSeconds: part.expected.seconds,
                  elapsedSeconds,
                })),
                pending: waiting.map((estimate) => estimate.seconds),
                concurrency,
              }),
            };
      return stopping === undefined ? { ...base, ...eta } : { ...base, stopping, ...eta };
    },
  };
}
