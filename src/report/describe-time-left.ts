import { countNoun } from '../formats/count-noun.js';
import { formatRoughDuration } from './format-rough-duration.js';
import type { ProgressSnapshot } from './run-progress.js';

/**
 * What a progress line says about time: `ETA 40s` when every part left has an estimate with a
 * basis; otherwise the time elapsed and why there is no ETA (`12s elapsed`, `no ETA: 2 parts
 * have no estimate`), since a guessed ETA can be wrong by a factor of ten. Nothing once
 * `--fail-fast` stops the run.
 */
export function describeTimeLeft(snapshot: ProgressSnapshot): string[] {
  if (snapshot.etaSeconds !== undefined) {
    return [`ETA ${formatRoughDuration(Math.ceil(snapshot.etaSeconds))}`];
  }
  if (snapshot.stopping === 'fail-fast' || snapshot.unestimated === 0) return [];
  return [
    `${formatRoughDuration(snapshot.elapsedSeconds)} elapsed`,
    `no ETA: ${countNoun(snapshot.unestimated, 'part has', 'parts have')} no estimate`,
  ];
}
