import type { HybridVerdict, PartHistory, Timing } from '../../history/history-store.js';
import type { EngineChoice } from '../choose-engine.js';
import type { EngineId } from '../engine.js';
import { evaluationSeconds, geometryRatio, type EngineRatios } from '../measure-engine-ratios.js';
import { predictSeconds } from '../predict-seconds.js';

/** What `auto` knows about the hybrid route for one part. */
export interface HybridFacts {
  /** Whether the route can render the part here (a native OpenSCAD that exports `.csg`, formats the WASM engine writes). */
  readonly available: boolean;
  /** The part's last hybrid result checked against its other routes', when still current. */
  readonly verdict?: HybridVerdict | undefined;
  /** Set when the part last failed on the hybrid route (and not edited since). */
  readonly failed?: boolean;
}

/** As in `chooseEngine`: a route is tried only for half the time and a second saved. */
const clearWinShare = 0.5;
const significantSeconds = 1;

/**
 * The hybrid route on top of the native/WASM choice (`base`), for a native OpenSCAD with only
 * CGAL. One rule, in the words the reason prints:
 *
 * - a part whose hybrid result disagreed with its other routes' results (volume or area beyond
 *   0.1%, or bounds), or failed, is not sent there again until its file changes;
 * - a part recorded on the hybrid route, whose result agreed, runs there when that is the fastest
 *   recorded route, unless `base` is trying an engine predicted to be faster still;
 * - a part not yet tried there is tried when the prediction — the native evaluation plus the WASM
 *   geometry, each from the part's own record or scaled by the project's engine ratios — wins
 *   clearly (at most half the fastest recorded route's time, a second saved) and beats where
 *   `base` would send it (its record there, else its prediction). That is a part whose native
 *   render is geometry-bound and whose WASM render is evaluation-bound. A recorded route with
 *   measured facts is needed, so that the try can be judged; a try that disagrees is not repeated.
 *
 * A part that failed on native or WASM keeps the base rule's choice (it goes where it renders).
 */
export function considerHybrid(
  base: EngineChoice,
  history: PartHistory | undefined,
  ratios: EngineRatios,
  hybrid: HybridFacts,
): EngineChoice {
  if (!hybrid.available || base.failedOn !== undefined || hybrid.failed === true) return base;
  const { verdict } = hybrid;
  if (verdict?.agrees === false) {
    return {
      ...base,
      reason: `${base.reason}; not hybrid: its result differed (${verdict.detail})`,
    };
  }
  const recorded = (['native', 'wasm'] as const).flatMap((engine) => {
    const timing = history?.[engine];
    return timing === undefined ? [] : [{ engine, timing }];
  });
  const fastest = recorded.sort((a, b) => a.timing.seconds - b.timing.seconds)[0];
  if (fastest === undefined) return base;
  // Where `base` sends the part: its record there, else the prediction `base` went by.
  const baseSeconds =
    history?.[base.engine]?.seconds ??
    recorded
      .map(({ engine, timing }) => predictSeconds(timing, engine, ratios))
      .find((seconds) => seconds !== undefined);
  const onHybrid = history?.hybrid;
  if (onHybrid !== undefined) {
    const toBeat = Math.min(fastest.timing.seconds, baseSeconds ?? Infinity);
    if (verdict?.agrees !== true || onHybrid.seconds >= toBeat) return base;
    return {
      engine: 'hybrid',
      reason: `recorded ${format(onHybrid.seconds)} hybrid vs ${format(fastest.timing.seconds)} ${fastest.engine}; its result agreed (${verdict.detail})`,
    };
  }
  const predicted = predictHybrid(history, ratios);
  if (predicted === undefined) return base;
  const total = predicted.evaluation + predicted.geometry;
  const judgeable = recorded.some(({ timing }) => timing.facts !== undefined);
  if (
    !judgeable ||
    total > fastest.timing.seconds * clearWinShare ||
    fastest.timing.seconds - total < significantSeconds ||
    (baseSeconds !== undefined && total >= baseSeconds)
  ) {
    return base;
  }
  return {
    engine: 'hybrid',
    reason: `predicted ${format(total)} hybrid (native evaluation ${format(predicted.evaluation)} + wasm geometry ${format(predicted.geometry)}) vs ${format(fastest.timing.seconds)} recorded on ${fastest.engine}; trying it, its result is checked against ${fastest.engine}'s`,
  };
}

/**
 * What the hybrid route would take for a part: the native engine's evaluation (its own record's
 * time outside geometry, else the WASM record's scaled by the evaluation ratio) plus the WASM
 * engine's geometry (its own record's, else the native record's scaled by the geometry ratio).
 * Undefined when a record needed does not say how its time divides.
 */
export function predictHybrid(
  history: PartHistory | undefined,
  ratios: EngineRatios,
): { readonly evaluation: number; readonly geometry: number } | undefined {
  const native = history?.native;
  const wasm = history?.wasm;
  const evaluation =
    split(native, (timing) => evaluationSeconds(timing), 1) ??
    split(wasm, (timing) => evaluationSeconds(timing), ratios.evaluation);
  const geometry =
    split(wasm, (timing) => timing.geometrySeconds, 1) ??
    split(native, (timing) => (timing.geometrySeconds ?? 0) / geometryRatio(timing, ratios), 1);
  return evaluation === undefined || geometry === undefined ? undefined : { evaluation, geometry };
}

/** A component of a record that says how its time divides, scaled; else undefined. */
function split(
  timing: Timing | undefined,
  component: (timing: Timing) => number | undefined,
  scale: number,
): number | undefined {
  if (timing?.geometrySeconds === undefined) return undefined;
  const seconds = component(timing);
  return seconds === undefined ? undefined : seconds * scale;
}

/** The routes a part may fall back to when the hybrid route failed it, in order. */
export const hybridFallbacks: readonly EngineId[] = ['wasm', 'native'];

function format(seconds: number): string {
  return `${seconds.toFixed(seconds < 10 ? 2 : 1)}s`;
}
