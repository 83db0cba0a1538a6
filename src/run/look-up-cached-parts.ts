import type { EngineId } from '../engines/engine.js';
import type { ConfigProblem } from '../errors.js';
import type { PartJob } from '../job/part-job.js';
import type { RenderJob } from '../plan/render-job.js';
import type { RunCache } from './open-run-cache.js';
import type { PartResult } from './part-result.js';
import type { RunEngines } from './resolve-run-engines.js';
import { restoreCachedPart } from './restore-cached-part.js';

/** Which parts the cache answered and which must render, and why. */
export interface CachedParts {
  /**
   * Results the cache gave without a render, by job id: restored parts, and parts whose outputs
   * could not be written (failed: a render would write them no better).
   */
  readonly hits: ReadonlyMap<string, PartResult>;
  /** Parts to render, in plan order. */
  readonly misses: readonly RenderJob[];
  /** Why each missed part renders (`parts/dims.scad changed`, `not in the cache`, `--force`). */
  readonly reasons: ReadonlyMap<string, string>;
  /** Damaged entries met on the way: the user is told, the parts render. */
  readonly warnings: readonly ConfigProblem[];
}

/** Lookups (and restores) in flight at once: file reads, no CPU-heavy work. */
const lookupsAtOnce = 16;

/**
 * The cache phase of a run: each part's entry is looked up on the engines it may render on (the
 * user's engine only, when given; under `auto` the chosen one first, then the other, so that a
 * part whose choice moved still hits) and, when found, its outputs are put in place.
 */
export async function lookUpCachedParts(
  jobs: readonly RenderJob[],
  runCache: RunCache | undefined,
  engines: RunEngines,
  workOf: (job: RenderJob, engine: EngineId) => Promise<PartJob>,
): Promise<CachedParts> {
  const hits = new Map<string, PartResult>();
  const reasons = new Map<string, string>();
  const warnings: ConfigProblem[] = [];
  if (runCache === undefined || !runCache.read) {
    const reason = runCache === undefined ? '--no-cache' : '--force';
    for (const job of jobs) reasons.set(job.id, reason);
    return { hits, misses: jobs, reasons, warnings };
  }
  const damaged = (job: RenderJob, reason: string): void => {
    warnings.push({
      message: `${job.name}: ${reason}; rendering it again`,
      location: job.declaredAt,
    });
  };
  const lookUp = async (job: RenderJob): Promise<void> => {
    const works = await Promise.all(
      enginesToTry(job, engines).map((engine) => workOf(job, engine)),
    );
    const found = await runCache.cache.lookup(works);
    if (found.kind === 'miss') {
      reasons.set(job.id, found.reason);
      if (found.damaged === true) damaged(job, found.reason);
      return;
    }
    const restored = await restoreCachedPart(job, found.entry, runCache.store);
    if (restored.kind !== 'damaged') {
      hits.set(job.id, restored.result);
      return;
    }
    reasons.set(job.id, restored.reason);
    damaged(job, restored.reason);
  };
  const queue = [...jobs];
  await Promise.all(
    Array.from({ length: Math.min(lookupsAtOnce, queue.length) }, async () => {
      for (let job = queue.shift(); job !== undefined; job = queue.shift()) await lookUp(job);
    }),
  );
  return { hits, misses: jobs.filter((job) => !hits.has(job.id)), reasons, warnings };
}

/** The engines whose entries a part accepts, the one it would render on first. */
function enginesToTry(job: RenderJob, engines: RunEngines): EngineId[] {
  const chosen = engines.choiceOf(job).engine;
  if (engines.preferenceOf(job) !== 'auto') return [chosen];
  const other: EngineId = chosen === 'wasm' ? 'native' : 'wasm';
  const otherAvailable = other === 'wasm' || engines.native.native !== undefined;
  return otherAvailable ? [chosen, other] : [chosen];
}
