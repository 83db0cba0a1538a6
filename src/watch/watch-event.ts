import type { RunError } from '../run/run-event.js';

/**
 * What the watch loop says between the runs it starts (each run reports its own `RunEvent`s):
 * a round begins, and why; the loop waits for changes; a plan could not be made.
 */
export type WatchEvent =
  | {
      readonly type: 'watch-round';
      /** 1 for the first run, then one more per round of changes. */
      readonly round: number;
      /** The files whose changes started the round (absolute); empty for the first. */
      readonly changed: readonly string[];
      /** Set when the plan changed (config, markers, files matching its globs): parts were added, changed or removed. */
      readonly replanned: boolean;
      /** Names of the parts this round renders (or takes from the cache). */
      readonly parts: readonly string[];
    }
  | {
      /** The round is over; the loop waits for the next change. */
      readonly type: 'watch-idle';
      /** Files the planned parts read (or look for), all watched. */
      readonly files: number;
      /** The project folder, watched whole for what decides the plan (configs, `.scad` files). */
      readonly folder: string;
    }
  | {
      /** The changed project could not be planned (a config being edited): the last plan stays. */
      readonly type: 'watch-error';
      readonly error: RunError;
    };
