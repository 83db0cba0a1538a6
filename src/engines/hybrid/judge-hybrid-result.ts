import type { DrawingMeasure, MeshMeasure } from '../../formats/output-measure.js';
import type { HybridVerdict, PartHistory } from '../../history/history-store.js';
import { compareMeasures } from '../../verify/compare-measures.js';

/**
 * Whether a part's hybrid result agrees with what the other routes recorded for it: volume (or
 * area) within 0.1% and bounds within 1e-3 of the diagonal, as `verify-engines` judges (see
 * `compareMeasures`). It must agree with every route that recorded facts; undefined when none did
 * (nothing to judge by, so `auto` does not rely on the route).
 */
export function judgeHybridResult(
  history: PartHistory | undefined,
  facts: MeshMeasure | DrawingMeasure,
  at: string,
): HybridVerdict | undefined {
  const compared = (['native', 'wasm'] as const).flatMap((engine) => {
    const reference = history?.[engine]?.facts;
    return reference === undefined ? [] : [{ engine, ...compareMeasures(reference, facts) }];
  });
  if (compared.length === 0) return undefined;
  const differing = compared.find((comparison) => !comparison.agree);
  const shown = differing ?? compared[0];
  return {
    agrees: differing === undefined,
    detail: shown === undefined ? '' : `${shown.engine}: ${shown.detail}`,
    at,
  };
}
