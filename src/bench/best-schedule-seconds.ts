import { lowerBoundSeconds } from './lower-bound-seconds.js';

/** Up to this many parts the best schedule is searched exactly; beyond, the lower bound stands in. */
export const exactScheduleParts = 20;

/** The shortest wall time of these part times on the workers, and whether it is exact. */
export interface BestSchedule {
  readonly seconds: number;
  /** False when there were too many parts to search: `seconds` is then {@link lowerBoundSeconds}. */
  readonly exact: boolean;
}

/**
 * The best any schedule could do with these measured part times on `workers` workers (the
 * makespan of the best assignment, parts run whole without pauses), found exactly by a
 * branch-and-bound search for up to {@link exactScheduleParts} parts. Beyond that it answers the
 * lower bound `max(longest part, total ÷ workers)`, which the best schedule comes within one part
 * of. A run's render phase is judged against it: how much its own scheduling cost.
 */
export function bestScheduleSeconds(partSeconds: readonly number[], workers: number): BestSchedule {
  const bound = lowerBoundSeconds(partSeconds, workers);
  if (partSeconds.length > exactScheduleParts) return { seconds: bound, exact: false };
  const parts = [...partSeconds].sort((a, b) => b - a);
  const loads = new Array<number>(Math.min(workers, Math.max(1, parts.length))).fill(0);
  // Longest-first greedy gives a good first answer to prune against.
  let best = greedyMakespan(parts, loads.length);
  const place = (index: number, makespan: number): void => {
    if (makespan >= best) return;
    if (index === parts.length) {
      best = makespan;
      return;
    }
    const part = parts[index] ?? 0;
    const tried = new Set<number>();
    for (let worker = 0; worker < loads.length; worker++) {
      const load = loads[worker] ?? 0;
      // Workers with the same load are interchangeable: trying one of them is enough.
      if (tried.has(load)) continue;
      tried.add(load);
      loads[worker] = load + part;
      place(index + 1, Math.max(makespan, load + part));
      loads[worker] = load;
      if (best <= bound) return;
    }
  };
  place(0, 0);
  return { seconds: best, exact: true };
}

function greedyMakespan(sortedLongestFirst: readonly number[], workers: number): number {
  const loads = new Array<number>(workers).fill(0);
  for (const part of sortedLongestFirst) {
    const least = loads.indexOf(Math.min(...loads));
    loads[least] = (loads[least] ?? 0) + part;
  }
  return Math.max(0, ...loads);
}
