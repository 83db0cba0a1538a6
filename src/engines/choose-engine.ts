import type { PartHistory } from '../history/history-store.js';
import type { EngineId, EngineInfo } from './engine.js';

/** A part's engine and the reason, which parascad prints. */
export interface EngineChoice {
  readonly engine: EngineId;
  readonly reason: string;
}

/** Below this, a difference in script evaluation or geometry time is not worth switching engines for. */
const significantSeconds = 1;

/**
 * The `auto` rule, from measurements on this kind of machine (see the README):
 * - the WASM build (OpenSCAD 2025.01, Manifold) rendered geometry 14–55× faster than Debian's
 *   native 2021.01 (CGAL only), but evaluates scripts ~20× slower;
 * - so a part runs where its own recorded times say it is faster; a part measured only on WASM
 *   whose time went mostly to script evaluation moves to native; one measured only on a
 *   CGAL-only native build whose time went mostly to geometry moves to WASM;
 * - a part never measured runs on a native build that has Manifold (native evaluation and
 *   Manifold geometry), otherwise on WASM, since most parts are geometry-bound.
 */
export function chooseEngine(
  native: EngineInfo | undefined,
  history: PartHistory | undefined,
): EngineChoice {
  if (native === undefined) return { engine: 'wasm', reason: 'no native openscad found' };
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
  if (onWasm !== undefined) {
    const evaluation = onWasm.seconds - (onWasm.geometrySeconds ?? onWasm.seconds);
    if (evaluation >= significantSeconds && evaluation > onWasm.seconds / 2) {
      return {
        engine: 'native',
        reason: `spent ${format(evaluation)} evaluating script on wasm, which native does faster`,
      };
    }
    return {
      engine: 'wasm',
      reason: `recorded ${format(onWasm.seconds)} on wasm, mostly geometry`,
    };
  }
  if (onNative !== undefined) {
    const geometry = onNative.geometrySeconds ?? 0;
    if (
      native.backend === 'cgal' &&
      geometry >= significantSeconds &&
      geometry > onNative.seconds / 2
    ) {
      return {
        engine: 'wasm',
        reason: `spent ${format(geometry)} in native CGAL geometry, which Manifold does faster`,
      };
    }
    return { engine: 'native', reason: `recorded ${format(onNative.seconds)} on native` };
  }
  return native.backend === 'manifold'
    ? { engine: 'native', reason: `native OpenSCAD ${native.version} has Manifold` }
    : {
        engine: 'wasm',
        reason: `native OpenSCAD ${native.version} has only CGAL; Manifold geometry is 14–55× faster`,
      };
}

function format(seconds: number): string {
  return `${seconds.toFixed(seconds < 10 ? 2 : 1)}s`;
}
