import type { Timing } from '../history/history-store.js';
import type { EngineId } from './engine.js';
import { evaluationSeconds, geometryRatio, type EngineRatios } from './measure-engine-ratios.js';

/**
 * What a part recorded on one engine would take on the other: its evaluation and its geometry,
 * each scaled by the ratio between the engines. Undefined when the record does not say how its
 * time divides (no geometry time), since a guess could then move a part the wrong way.
 */
export function predictSeconds(
  timing: Timing,
  from: EngineId,
  ratios: EngineRatios,
): number | undefined {
  const predicted = predictComponents(timing, from, ratios);
  return predicted === undefined ? undefined : predicted.evaluation + predicted.geometry;
}

/** {@link predictSeconds} by component, for callers that weigh how each ratio was found. */
export function predictComponents(
  timing: Timing,
  from: EngineId,
  ratios: EngineRatios,
): { readonly evaluation: number; readonly geometry: number } | undefined {
  if (timing.geometrySeconds === undefined) return undefined;
  const scale = (ratio: number): number => (from === 'wasm' ? ratio : 1 / ratio);
  return {
    evaluation: evaluationSeconds(timing) * scale(ratios.evaluation),
    geometry: timing.geometrySeconds * scale(geometryRatio(timing, ratios)),
  };
}
