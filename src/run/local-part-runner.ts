import type { Engine, EngineId } from '../engines/engine.js';
import { createNativeEngine } from '../engines/native/native-engine.js';
import type { NativeOpenScad } from '../engines/resolve-native.js';
import { defined } from '../util/defined.js';
import type { PartRunner } from './part-runner.js';
import { renderPart } from './render-part.js';

export interface LocalPartRunnerOptions {
  /** The engines already started for the run's parts. */
  readonly engines: Map<EngineId, Engine>;
  /** Started on demand when a part moves to it (`auto` falling back from a WASM crash). */
  readonly native?: NativeOpenScad | undefined;
  /** The host files each part may read, by the part's scad file (the WASM engine is given them). */
  readonly inputFiles: (scadFile: string) => readonly string[];
  readonly libraryPaths: readonly string[];
  /** Memory one render may take before its engine stops it. */
  readonly memoryLimitBytes: number;
}

/** The first {@link PartRunner}: this machine's engines, one part per pool slot. */
export function createLocalPartRunner(options: LocalPartRunnerOptions): PartRunner {
  const { engines } = options;
  const engineFor = (id: EngineId): Engine => {
    const started = engines.get(id);
    if (started !== undefined) return started;
    const native = options.native;
    if (id !== 'native' || native === undefined) throw new Error(`engine ${id} was not started`);
    const engine = createNativeEngine(native.binary, native.capabilities);
    engines.set(id, engine);
    return engine;
  };
  return {
    run: ({ job, work, attempt }, signal) =>
      renderPart(job, {
        engine: engineFor(work.engine.id),
        signal,
        inputFiles: options.inputFiles(job.scadFile),
        libraryPaths: options.libraryPaths,
        memoryLimitBytes: options.memoryLimitBytes,
        attempt,
        ...defined({ timeoutSeconds: work.timeoutSeconds }),
      }),
    engines: () => [...engines.values()].map((engine) => engine.info),
    close: async () => {
      await Promise.all([...engines.values()].map((engine) => engine.close()));
    },
  };
}
