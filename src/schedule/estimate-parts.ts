import type { EngineId } from '../engines/engine.js';
import { predictComponents } from '../engines/predict-seconds.js';
import { predictHybrid } from '../engines/hybrid/consider-hybrid.js';
import type { EngineRatios } from '../engines/measure-engine-ratios.js';
import type { HistoryStore, Timing } from '../history/history-store.js';
import type { RenderJob } from '../plan/render-job.js';
import type { PartEstimate } from '../run/run-event.js';

/** Peak memory assumed for a part with no record and nothing similar to go by. */
export const unknownPeakBytes = 512 * 1024 ** 2;
/** Time assumed for a part with no record and nothing similar to go by. */
const unknownSeconds = 1;
/** The share of a prediction that a ratio not measured on the project may carry. */
const maxDefaultedShare = 0.25;

/** What {@link estimateParts} goes by besides the history. */
export interface EstimatePartsOptions {
  /**
   * How the engines compare on this project, to estimate a part recorded only on the other
   * engine. Only ratios measured on the project's own parts (`parts > 0`) are used: the
   * defaults can be several times off for one project.
   */
  readonly ratios?: EngineRatios;
}

/** Estimates a part on any engine, for a part that moves to another engine during the run. */
export type EstimatePart = (job: RenderJob, engine: EngineId) => PartEstimate;

/**
 * What each part is expected to cost on an engine, and what that is based on (`basis`):
 *
 * - `recorded`: its own last render on that engine;
 * - `other-engine`: its last render on the other engine, evaluation and geometry each scaled by
 *   the ratio measured between the engines on this project's parts (see `predictionFrom`); a
 *   part recorded on the other engine that cannot be predicted so has no basis;
 * - `same-file`: for a part never rendered, the median of the recorded parts of the same file on
 *   that engine (parts of one file tend to be alike);
 * - `none`: nothing to go by. The seconds are then the median of the run's recorded parts (or
 *   1 s), good enough to order and pack parts but not to promise an ETA with.
 *
 * Peak memory comes from the part's own record on that engine, else the same file's parts, the
 * run's, or a generous guess.
 */
export function estimateParts(
  jobs: readonly RenderJob[],
  history: HistoryStore,
  options: EstimatePartsOptions = {},
): EstimatePart {
  const recorded = jobs.flatMap((job) => {
    const timings = history.get(job.id) ?? {};
    return (['native', 'wasm'] as const).flatMap((engine) => {
      const timing = timings[engine];
      return timing === undefined ? [] : [{ job, engine, timing }];
    });
  });

  return (job, engine) => {
    const records = history.get(job.id);
    const own = records?.[engine];
    if (own !== undefined) {
      return {
        seconds: own.seconds,
        basis: 'recorded',
        ...(own.peakBytes === undefined ? {} : { peakBytes: own.peakBytes }),
      };
    }
    const sameEngine = recorded.filter((entry) => entry.engine === engine);
    const sameFile = sameEngine.filter((entry) => entry.job.scadFile === job.scadFile);
    const similar = sameFile.length > 0 ? sameFile : sameEngine;
    const peakBytes =
      median(similar.flatMap((entry) => entry.timing.peakBytes ?? [])) ?? unknownPeakBytes;
    const seconds = median(similar.map((entry) => entry.timing.seconds));
    if (engine === 'hybrid' && options.ratios !== undefined && options.ratios.parts > 0) {
      // Its native evaluation plus its WASM geometry, as `auto` predicted it when it chose so.
      const predicted = predictHybrid(records, options.ratios);
      if (predicted !== undefined) {
        const total = predicted.evaluation + predicted.geometry;
        return { seconds: total, peakBytes, basis: 'other-engine' };
      }
    }
    const other: EngineId = engine === 'wasm' ? 'native' : 'wasm';
    const elsewhere = engine === 'hybrid' ? undefined : records?.[other];
    if (elsewhere !== undefined) {
      // Its own render elsewhere says more than its neighbours here (a geometry-heavy part among
      // quick ones): without a prediction from it there is no basis.
      const predicted = predictionFrom(elsewhere, other, options.ratios);
      return predicted === undefined
        ? { seconds: seconds ?? unknownSeconds, peakBytes, basis: 'none' }
        : { seconds: predicted, peakBytes, basis: 'other-engine' };
    }
    return sameFile.length > 0 && seconds !== undefined
      ? { seconds, peakBytes, basis: 'same-file' }
      : { seconds: seconds ?? unknownSeconds, peakBytes, basis: 'none' };
  };
}

/**
 * What a part recorded on `engine` would take on the other, when the ratios that carry the
 * prediction were measured on this project's parts: a default ratio can be several times off
 * for one project (the geometry ratio between CGAL and Manifold ranges 14–55×), so a prediction
 * it carries is no basis. It may carry a small share, such as a second's geometry of a part that
 * is all evaluation.
 */
function predictionFrom(
  timing: Timing,
  engine: EngineId,
  ratios: EngineRatios | undefined,
): number | undefined {
  if (ratios === undefined || ratios.parts === 0) return undefined;
  const predicted = predictComponents(timing, engine, ratios);
  if (predicted === undefined) return undefined;
  const total = predicted.evaluation + predicted.geometry;
  const guessed = (ratios.defaulted ?? []).reduce((sum, kind) => sum + predicted[kind], 0);
  return guessed <= total * maxDefaultedShare ? total : undefined;
}

function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? sorted[middle]
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
