import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { ParascadError } from '../errors.js';
import type { RenderJob } from '../plan/render-job.js';
import type { PartResult } from '../run/part-result.js';
import { planRun, type RunPlan } from '../run/plan-run.js';
import { renderPlan } from '../run/render.js';
import { checkRenderOptions, type RenderOptions } from '../run/render-options.js';
import { closeSessionEngines, type RenderSession } from '../run/render-session.js';
import { runErrorEvent } from '../run/run-error-event.js';
import { cacheLocation } from '../run/open-run-cache.js';
import { warmUpEngines } from '../run/warm-up-engines.js';
import { plannedThumbnails } from '../thumbnails/planned-thumbnails.js';
import { affectedParts } from './affected-parts.js';
import { DebouncedChanges } from './debounced-changes.js';
import { PartFiles } from './part-files.js';
import type { WatchEvent } from './watch-event.js';
import { watchFiles } from './watch-files.js';

export type { WatchEvent } from './watch-event.js';

export interface WatchOptions extends RenderOptions {
  /**
   * Milliseconds without a further change before a round starts: an editor's save, or a checkout
   * of many files, is one round.
   * @default 200
   */
  readonly debounceMs?: number | undefined;
  /** Receives the loop's own events (a round starts, the loop waits, a plan failed). */
  readonly onWatchEvent?: ((event: WatchEvent) => void) | undefined;
}

/** The parts of the round in progress, each with its own stop. */
interface Round {
  readonly jobs: readonly RenderJob[];
  readonly stops: Map<string, AbortController>;
  readonly finished: Set<string>;
}

/**
 * Renders a project, then renders again on every save, only the parts a change reaches: those
 * that read a changed file (their collected inputs and what OpenSCAD said it opened), and those
 * a new plan adds or changes (the project is planned again after every change, so a config
 * edit, a new marker or a new file matching a glob is seen). A part whose file changes again
 * while it renders is stopped and rendered in the next round. The engines stay started between
 * rounds. Runs until `stopSignal` (running parts finish) or `signal` (they are stopped) aborts;
 * a plan that fails at the start throws, one that fails later is reported and waited out.
 */
export async function watch(options: WatchOptions = {}): Promise<void> {
  checkRenderOptions(options);
  const cwd = resolve(options.cwd ?? process.cwd());
  const signals = [options.stopSignal, options.signal].filter((s) => s !== undefined);
  const stopped = signals.length === 0 ? new AbortController().signal : AbortSignal.any(signals);
  const emitWatch = options.onWatchEvent ?? (() => undefined);
  warmUpEngines(options);
  let plan = await planRun(options, cwd);

  const files = new PartFiles();
  let round: Round | undefined;
  const session: RenderSession = {
    engines: new Map(),
    partSignal: (job) => round?.stops.get(job.id)?.signal,
    onInputs: (inputs) => {
      files.addInputs(inputs);
    },
  };
  const changes = new DebouncedChanges(options.debounceMs ?? 200, (paths) => {
    // A part still rendering from files that changed since is stopped now, not finished in vain.
    for (const job of round?.jobs ?? []) {
      if (round?.finished.has(job.id) === true) continue;
      const read = files.of(job);
      if ([...paths].some((path) => read.has(path))) round?.stops.get(job.id)?.abort();
    }
  });
  // What the rounds write themselves: the outputs, and their thumbnails with `--thumbnails`.
  const outputsOf = (jobs: readonly RenderJob[]): Set<string> =>
    new Set(
      jobs.flatMap((job) =>
        job.outputs.flatMap((output) => [
          output.path,
          ...(options.thumbnails === true ? plannedThumbnails(output) : []).map(
            (thumbnail) => thumbnail.path,
          ),
        ]),
      ),
    );
  let outputs = outputsOf(plan.jobs);
  const watcher = watchFiles(
    plan.projectDir,
    options.cache === false ? [] : [cacheLocation(plan.projectDir, options, plan.cache).dir],
    (path) => {
      // The outputs' own writes (and their temporary names) are no change, unless a part reads them.
      if (basename(path).startsWith('.parascad-')) return;
      if (outputs.has(path) && !files.ofAll(plan.jobs).has(path)) return;
      changes.add(path);
    },
  );

  try {
    await watcher.ready;
    let next: { jobs: readonly RenderJob[]; changed: readonly string[]; replanned: boolean } = {
      jobs: plan.jobs,
      changed: [],
      replanned: false,
    };
    for (let number = 1; ; number++) {
      emitWatch({
        type: 'watch-round',
        round: number,
        changed: next.changed,
        replanned: next.replanned,
        parts: next.jobs.map((job) => job.name),
      });
      round = {
        jobs: next.jobs,
        stops: new Map(next.jobs.map((job) => [job.id, new AbortController()])),
        finished: new Set(),
      };
      const results = await renderRound(plan, round, options, session);
      for (const result of results) files.addResult(result);
      const restart = results
        .filter((result) => result.status === 'cancelled' && !stopped.aborted)
        .map((result) => result.job.id);
      round = undefined;
      const read = files.ofAll(plan.jobs);
      watcher.add([...read, ...(plan.configFile === undefined ? [] : [plan.configFile])]);
      if (stopped.aborted) return;
      emitWatch({ type: 'watch-idle', files: read.size, folder: plan.projectDir });
      for (;;) {
        const found = await nextRound(
          plan,
          restart,
          changes,
          stopped,
          files,
          emitWatch,
          options,
          cwd,
        );
        if (found === undefined) return;
        plan = found.plan;
        outputs = outputsOf(plan.jobs);
        if (found.jobs.length > 0) {
          next = found;
          break;
        }
      }
    }
  } finally {
    changes.close();
    await watcher.close();
    await closeSessionEngines(session);
  }
}

/** Renders one round's parts with the session's engines; its events go to the caller's `onEvent`. */
async function renderRound(
  plan: RunPlan,
  round: Round,
  options: WatchOptions,
  session: RenderSession,
): Promise<PartResult[]> {
  const results: PartResult[] = [];
  await renderPlan(
    // The other parts are left out of this round, not gone from the project.
    { ...plan, jobs: round.jobs, allJobs: plan.jobs },
    {
      ...options,
      onEvent: (event) => {
        if (event.type === 'part-done') {
          round.finished.add(event.result.job.id);
          results.push(event.result);
        }
        options.onEvent?.(event);
      },
    },
    session,
  );
  return results;
}

/**
 * Waits for the next batch of changes that can be planned, plans the project again and picks
 * the parts the changes reach, plus the parts stopped in the last round (possibly none).
 * Undefined once the loop is stopped.
 */
async function nextRound(
  plan: RunPlan,
  restart: readonly string[],
  changes: DebouncedChanges,
  stopped: AbortSignal,
  files: PartFiles,
  emitWatch: (event: WatchEvent) => void,
  options: WatchOptions,
  cwd: string,
): Promise<
  | { plan: RunPlan; jobs: readonly RenderJob[]; changed: readonly string[]; replanned: boolean }
  | undefined
> {
  // Files saved while the project could not be planned (a config being edited) still count once
  // it can: their parts render when the config is fixed, not at their next save.
  const changed = new Set<string>();
  let failed = false;
  for (;;) {
    for (const path of await changes.take(stopped)) changed.add(path);
    if (stopped.aborted) return undefined;
    let next: RunPlan;
    try {
      next = await planRun(options, cwd);
    } catch (error) {
      if (!(error instanceof ParascadError)) throw error;
      emitWatch({ type: 'watch-error', error: runErrorEvent(error).error });
      failed = true;
      continue;
    }
    const affected = affectedParts(plan.jobs, next.jobs, (job) => files.of(job), changed);
    const jobs = next.jobs.filter((job) => affected.jobs.includes(job) || restart.includes(job.id));
    const read = files.ofAll(next.jobs);
    // A fix that leaves nothing to render says so, rather than leaving the error last on screen.
    if (failed && jobs.length === 0) {
      emitWatch({ type: 'watch-idle', files: read.size, folder: next.projectDir });
    }
    // An editor's own files (vim's 4913 probe, a save's temporary name) are gone by now: they
    // are no change to speak of, unless a part read them.
    const shown = [...changed].filter((path) => read.has(path) || existsSync(path)).sort();
    return { plan: next, jobs, changed: shown, replanned: affected.replanned };
  }
}
