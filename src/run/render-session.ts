import type { Engine, EngineId } from '../engines/engine.js';
import type { RenderJob } from '../plan/render-job.js';
import type { PartInputs } from './collect-part-inputs.js';

/**
 * What the runs of one long-lived process share (`parascad watch` renders again on every save):
 * the engines stay started between runs — the WASM OpenSCAD compiled and its worker threads up —
 * and the caller may stop single parts and learn which files each part may read.
 */
export interface RenderSession {
  /** Engines earlier runs started; a run adds the ones it starts and leaves them all running. */
  readonly engines: Map<EngineId, Engine>;
  /**
   * A signal that stops one part now, without stopping the run (a file it reads changed while it
   * rendered: the caller renders it again). The part ends `cancelled`.
   */
  readonly partSignal?: (job: RenderJob) => AbortSignal | undefined;
  /** Told, once per run and before any part renders, which files each scad file's parts may read. */
  readonly onInputs?: (inputs: ReadonlyMap<string, PartInputs>) => void;
}

/** Closes the engines a session's runs started (the runs themselves leave them running). */
export async function closeSessionEngines(session: RenderSession): Promise<void> {
  const engines = [...session.engines.values()];
  session.engines.clear();
  await Promise.all(engines.map((engine) => engine.close()));
}
