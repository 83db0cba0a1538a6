import type { PartJob } from '../job/part-job.js';
import type { RunCache } from './open-run-cache.js';
import type { PartInputs } from './collect-part-inputs.js';
import type { PartResult } from './part-result.js';
import type { RunEvent } from './run-event.js';

/** Stores a run's successful renders as they finish. */
export interface RenderedStore {
  save(result: PartResult, work: PartJob): Promise<void>;
  /** Parts stored so far. */
  stored(): number;
}

/**
 * Stores each successful render in the cache right away (a run stopped later keeps what it
 * finished). Failures are never stored. A part whose engine could not say which files it read
 * is not stored (it could not be checked later), and the run says so once; a store that fails
 * (a full disk) stops storing, with one warning, and the run goes on.
 */
export function storeRendered(
  runCache: RunCache | undefined,
  inputs: ReadonlyMap<string, PartInputs>,
  emit: (event: RunEvent) => void,
): RenderedStore {
  let stored = 0;
  let broken = false;
  const unknown: string[] = [];
  return {
    save: async (result, work) => {
      if (runCache === undefined || broken || result.status !== 'ok') return;
      try {
        const saved = await runCache.cache.save({
          work,
          partId: result.job.id,
          outputs: result.outputs,
          diagnostics: result.diagnostics,
          seconds: result.seconds,
          opened: result.dependencies,
          absent: inputs.get(result.job.scadFile)?.absent ?? [],
          ...(result.geometrySeconds === undefined
            ? {}
            : { geometrySeconds: result.geometrySeconds }),
          ...(result.dimension === undefined ? {} : { dimension: result.dimension }),
        });
        if (saved) {
          stored++;
        } else {
          unknown.push(result.job.name);
          if (unknown.length === 1) {
            emit({
              type: 'warning',
              problem: {
                message: `${result.job.name} is not cached: OpenSCAD did not say which files it read (no -d output), so it renders again next time`,
              },
            });
          }
        }
      } catch (error) {
        broken = true;
        emit({
          type: 'warning',
          problem: {
            message: `could not store ${result.job.name} in the cache at ${runCache.store.dir}: ${error instanceof Error ? error.message : String(error)}; the rest of the run is not stored`,
          },
        });
      }
    },
    stored: () => stored,
  };
}
