import type { Engine, EngineId } from '../engines/engine.js';
import { createNativeEngine } from '../engines/native/native-engine.js';
import type { NativeOpenScad } from '../engines/resolve-native.js';
import type { RenderJob } from '../plan/render-job.js';
import { defined } from '../util/defined.js';
import type { PartRunner } from './part-runner.js';
import { renderPart } from './render-part.js';

export interface LocalPartRunnerOptions {
  /** The engines already started for the run's parts. */
  readonly engines: Map<EngineId, Engine>;
  /**
   * Started on demand when a part moves to it (`auto` falling back from a failed WASM render, or
   * trying the hybrid route).
   */
  readonly native?: NativeOpenScad | undefined;
  /**
   * Threads of a WASM engine started on demand, when a part falls back to it from native.
   * @default 1
   */
  readonly wasmThreads?: number;
  /** The host files each part may read, by the part's scad file (the WASM engine is given them). */
  readonly inputFiles: (scadFile: string) => readonly string[];
  readonly libraryPaths: readonly string[];
  /** Memory one render may take before its engine stops it. */
  readonly memoryLimitBytes: number;
  /** Ask OpenSCAD which files each part opened (for the cache). */
  readonly recordDependencies?: boolean;
  /** The output folder, which outputs' folders must not lead out of (see `renderPart`). */
  readonly outDir?: string;
  /** Leave the engines running on close: a session started them for several runs. @default false */
  readonly keepEngines?: boolean;
  /** A part's own stop signal, besides the run's (see `RenderSession.partSignal`). */
  readonly partSignal?: ((job: RenderJob) => AbortSignal | undefined) | undefined;
}

/** The first {@link PartRunner}: this machine's engines, one part per pool slot. */
export function createLocalPartRunner(options: LocalPartRunnerOptions): PartRunner {
  const { engines } = options;
  let startingWasm: Promise<Engine> | undefined;
  const engineFor = async (id: EngineId): Promise<Engine> => {
    const started = engines.get(id);
    if (started !== undefined) return started;
    if (id === 'wasm') {
      // Once, however many parts fall back to it at the same time.
      startingWasm ??= import('../engines/wasm/wasm-engine.js')
        .then(({ createWasmEngine }) => createWasmEngine({ threads: options.wasmThreads ?? 1 }))
        .then((engine) => {
          engines.set(id, engine);
          return engine;
        });
      return startingWasm;
    }
    if (id === 'hybrid') {
      const [native, wasm] = await Promise.all([engineFor('native'), engineFor('wasm')]);
      const { createHybridEngine } = await import('../engines/hybrid/hybrid-engine.js');
      const hybrid = engines.get(id) ?? createHybridEngine(native, wasm);
      engines.set(id, hybrid);
      return hybrid;
    }
    const native = options.native;
    if (native === undefined) throw new Error(`engine ${id} was not started`);
    const engine = createNativeEngine(native.binary, native.capabilities);
    engines.set(id, engine);
    return engine;
  };
  return {
    run: async ({ job, work, attempt, engineDone }, signal) => {
      const own = options.partSignal?.(job);
      return renderPart(job, {
        engine: await engineFor(work.engine.id),
        signal: own === undefined ? signal : AbortSignal.any([signal, own]),
        inputFiles: options.inputFiles(job.scadFile),
        libraryPaths: options.libraryPaths,
        memoryLimitBytes: options.memoryLimitBytes,
        attempt,
        ...defined({
          timeoutSeconds: work.timeoutSeconds,
          stl: work.stl,
          outDir: options.outDir,
          recordDependencies: options.recordDependencies,
          onEngineDone: engineDone,
        }),
      });
    },
    engines: () => [...engines.values()].map((engine) => engine.info),
    close: async () => {
      if (options.keepEngines === true) return;
      await Promise.all([...engines.values()].map((engine) => engine.close()));
    },
  };
}
