import type { EngineInfo } from '../engines/engine.js';
import type { PartJob } from '../job/part-job.js';
import type { RenderJob } from '../plan/render-job.js';
import type { PartResult } from './part-result.js';

/** One attempt at one part, as the run hands it to a {@link PartRunner}. */
export interface PartRun {
  /** The planned part, as reports and history know it (its outputs' final paths on this host). */
  readonly job: RenderJob;
  /** What runs: self-contained and serialisable, the same whichever runner renders it. */
  readonly work: PartJob;
  /** Which try this is (1-based). */
  readonly attempt: number;
  /**
   * Called by a runner whose parts wait before they start (a queue of remote workers) when the
   * part really starts, with where it runs (`host:pid` of a fleet worker).
   */
  readonly started?: (where: string) => void;
  /**
   * Called by a runner when the engine is done with the part and only parascad's own finishing
   * up is left (checking and moving the outputs): the run starts the next part in its place.
   */
  readonly engineDone?: () => void;
}

/**
 * Where parts run. The local pool of engines is one implementation; a queue of remote workers is
 * another. The run decides what to render, in which order and how often to retry; a runner only
 * renders one attempt and answers a {@link PartResult}: failures are results, never rejections.
 * The engine to render on is `work.engine.id`.
 */
export interface PartRunner {
  /**
   * True when `run` only queues the part and it starts later, elsewhere: the run then announces
   * the part when the runner calls `started`, not when it hands the part over.
   */
  readonly queued?: boolean;
  /** Renders one attempt; aborting `signal` stops it (the result is then `cancelled`). */
  run(part: PartRun, signal: AbortSignal): Promise<PartResult>;
  /** The engines it rendered with, for the summary. */
  engines(): readonly EngineInfo[];
  /** Frees processes, threads or connections. */
  close(): Promise<void>;
}
