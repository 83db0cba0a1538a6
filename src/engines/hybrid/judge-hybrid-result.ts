import type { DrawingMeasure, MeshMeasure } from '../../formats/output-measure.js';
import type { HybridVerdict, PartHistory } from '../../history/history-store.js';
import { compareMeasures } from '../../verify/compare-measures.js';

/**
 * Whether a part's hybrid result agrees with what the other routes recorded for it: volume (or
 * area) within 0.1% and bounds within 1e-3 of the diagonal, as `verify-engines` judges (see
 * `compareMeasures`). It must agree with every route that recorded facts since the part's inputs
 * last changed (an older record measured other geometry: an edited include would pass for the
 * route's fault); undefined when none did (nothing to judge by, so `auto` does not rely on it).
 *
 * @param since when the part's files last changed (ms since the epoch), if known.
 */
export function judgeHybridResult(
  history: PartHistory | undefined,
  facts: MeshMeasure | DrawingMeasure,
  at: string,
  since?: number,
): HybridVerdict | undefined {
  const compared = (['native', 'wasm'] as const).flatMap((engine) => {
    const recorded = history?.[engine];
    const reference = recorded?.facts;
    if (reference === undefined || (since !== undefined && Date.parse(recorded?.at ?? '') < since))
      return [];
    return [{ engine, ...compareMeasures(reference, facts) }];
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
