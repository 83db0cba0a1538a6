import type { PartFailures, PartHistory, Timing } from '../history/history-store.js';
import type { EngineId, EngineInfo } from './engine.js';
import { considerHybrid, type HybridFacts } from './hybrid/consider-hybrid.js';
import { defaultEngineRatios, type EngineRatios } from './measure-engine-ratios.js';
import { predictSeconds } from './predict-seconds.js';

/** A part's engine and the reason, which parascad prints. */
export interface EngineChoice {
  readonly engine: EngineId;
  readonly reason: string;
  /**
   * Set when the part last failed on the other engine (it goes to this one), or on both (it is
   * not rendered a second time on the other engine in this run unless its source changed).
   */
  readonly failedOn?: EngineId | 'both';
}

/** What `auto` knows about a part besides its recorded times. */
export interface ChooseEngineContext {
  /** The engines the part last failed on (only failures newer than its source). */
  readonly failures?: PartFailures;
  /** How the engines compare on this project; the defaults when omitted. */
  readonly ratios?: EngineRatios;
  /** What is known of the hybrid route for the part; without it, `auto` does not consider it. */
  readonly hybrid?: HybridFacts;
}

/**
 * An untried engine is tried only when it is predicted to take at most this share of the
 * recorded time …
 */
const clearWinShare = 0.5;
/** … and to save at least this many seconds: below that, switching is not worth the risk. */
const significantSeconds = 1;

/**
 * The `auto` rule. Its promise: learning never loses a part and never makes an unchanged
 * project's re-run slower beyond noise. So, in order:
 * 1. a part that last failed on one engine goes to the other, and never back while the other
 *    renders it (a part that failed on both goes where a new part would);
 * 2. a part recorded on both engines runs on the faster (so a try that turned out slower is
 *    undone on the next run);
 * 3. a part recorded on one engine moves to the other only when the prediction — its evaluation
 *    and geometry times each scaled by the ratio measured between the engines on this project,
 *    else a default (see `measureEngineRatios`) — says it wins clearly: half the time and a
 *    second saved; a try that fails falls back in the same run (see `fallbackEngine`);
 * 4. a part never rendered runs on a native build that has Manifold (native evaluation speed and
 *    Manifold geometry), otherwise on WASM, since most parts are geometry-bound;
 * 5. next to a native build with only CGAL, the hybrid route (native evaluation, WASM geometry)
 *    takes a part where its recorded or predicted time wins and its result agreed with the
 *    other routes' (see `considerHybrid`).
 */
export function chooseEngine(
  native: EngineInfo | undefined,
  history: PartHistory | undefined,
  context: ChooseEngineContext = {},
): EngineChoice {
  const base = chooseNativeOrWasm(native, history, context);
  if (native?.backend !== 'cgal' || context.hybrid === undefined) return base;
  return considerHybrid(
    base,
    history,
    context.ratios ?? defaultEngineRatios(native.backend),
    context.hybrid,
  );
}

function chooseNativeOrWasm(
  native: EngineInfo | undefined,
  history: PartHistory | undefined,
  context: ChooseEngineContext,
): EngineChoice {
  if (native === undefined) return { engine: 'wasm', reason: 'no native openscad found' };
  const failures = context.failures ?? {};
  const failedNative = failures.native;
  const failedWasm = failures.wasm;
  if (failedNative !== undefined && failedWasm === undefined) {
    return {
      engine: 'wasm',
      reason: `failed on native last time: ${brief(failedNative.message)}`,
      failedOn: 'native',
    };
  }
  if (failedWasm !== undefined && failedNative === undefined) {
    return {
      engine: 'native',
      reason: `failed on wasm last time: ${brief(failedWasm.message)}`,
      failedOn: 'wasm',
    };
  }
  if (failedNative !== undefined && failedWasm !== undefined) {
    const fresh = untried(native);
    return {
      ...fresh,
      reason: `failed on both engines last time; ${fresh.reason}`,
      failedOn: 'both',
    };
  }

  const onNative = history?.native;
  const onWasm = history?.wasm;
  if (onNative !== undefined && onWasm !== undefined) {
    return onNative.seconds <= onWasm.seconds
      ? {
          engine: 'native',
          reason: `recorded ${format(onNative.seconds)} native vs ${format(onWasm.seconds)} wasm`,
        }
      : {
          engine: 'wasm',
          reason: `recorded ${format(onWasm.seconds)} wasm vs ${format(onNative.seconds)} native`,
        };
  }
  const ratios = context.ratios ?? defaultEngineRatios(native.backend);
  if (onWasm !== undefined) return stayOrTry('wasm', onWasm, 'native', ratios);
  if (onNative !== undefined) return stayOrTry('native', onNative, 'wasm', ratios);
  return untried(native);
}

function stayOrTry(
  recorded: EngineId,
  timing: Timing,
  other: EngineId,
  ratios: EngineRatios,
): EngineChoice {
  const predicted = predictSeconds(timing, recorded, ratios);
  const basis =
    ratios.parts === 0
      ? 'default ratios'
      : `ratios from ${ratios.parts} part${ratios.parts === 1 ? '' : 's'} on both`;
  if (
    predicted !== undefined &&
    predicted <= timing.seconds * clearWinShare &&
    timing.seconds - predicted >= significantSeconds
  ) {
    return {
      engine: other,
      reason: `predicted ${format(predicted)} on ${other} vs ${format(timing.seconds)} recorded on ${recorded} (${basis})`,
    };
  }
  const prediction =
    predicted === undefined ? '' : `; ${other} predicted ${format(predicted)} (${basis})`;
  return {
    engine: recorded,
    reason: `recorded ${format(timing.seconds)} on ${recorded}${prediction}`,
  };
}

function untried(native: EngineInfo): EngineChoice {
  return native.backend === 'manifold'
    ? { engine: 'native', reason: `native OpenSCAD ${native.version} has Manifold` }
    : {
        engine: 'wasm',
        reason: `native OpenSCAD ${native.version} has only CGAL; Manifold geometry is 14–55× faster`,
      };
}

/** A failure message short enough for a reason. */
function brief(message: string): string {
  const line = message.split('\n')[0] ?? '';
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}

function format(seconds: number): string {
  return `${seconds.toFixed(seconds < 10 ? 2 : 1)}s`;
}
