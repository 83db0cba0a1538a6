import type { PartChanges } from '../documents/run-report.js';
import { round } from './describe-facts.js';
import type { GalleryChange, GalleryView } from './gallery-data.js';

/**
 * A part's change since the previous run (or the baseline), for people: a line per output that is
 * not unchanged (`stl: changed, volume +12.5 mm³, triangles +24, max corner moved 0, 0, +2`), and
 * the previous render's view, when it was kept.
 */
export function describeChange(changes: PartChanges, previous?: GalleryView): GalleryChange {
  const details = Object.entries(changes.outputs).flatMap(([format, change]) => {
    if (change.status === 'unchanged') return [];
    if (change.status === 'same-geometry') {
      return [
        `${format}: ${changes.engines === undefined ? 'the same geometry in other bytes' : 'the same within rounding'}`,
      ];
    }
    // `new`, and any other status (a format the part no longer writes): the word says it.
    if (change.status !== 'changed') return [`${format}: ${change.status}`];
    const parts = [`${format}: changed`];
    // A measure that did not change is not a change: only the ones that moved are listed.
    if (moves(change.volumeDelta)) parts.push(`volume ${signed(change.volumeDelta)} mm³`);
    if (moves(change.areaDelta)) parts.push(`area ${signed(change.areaDelta)} mm²`);
    if (moves(change.trianglesDelta)) {
      parts.push(`triangles ${change.trianglesDelta > 0 ? '+' : ''}${change.trianglesDelta}`);
    }
    const moved = change.boundsDelta;
    for (const corner of ['min', 'max'] as const) {
      if (moved?.[corner].some(moves) === true) {
        parts.push(`${corner} corner moved ${moved[corner].map(signed).join(', ')}`);
      }
    }
    return [parts.join(', ')];
  });
  const kept =
    changes.status === 'changed' && previous === undefined
      ? ['the previous render was not kept (--no-cache, or pruned): its recorded measures only']
      : [];
  const engines =
    changes.engines === undefined
      ? []
      : [
          `rendered on ${changes.engines.current}, ${changes.engines.previous} before: compared by volume, area and size within rounding`,
        ];
  return {
    status: changes.status,
    details:
      changes.status === 'new'
        ? ['new since the last time', ...details]
        : [...details, ...engines, ...kept],
    ...(previous === undefined ? {} : { previous }),
  };
}

function moves(delta: number | undefined): delta is number {
  return delta !== undefined && Math.abs(delta) > 1e-9;
}

function signed(value: number): string {
  return value > 0 ? `+${round(value)}` : round(value);
}
