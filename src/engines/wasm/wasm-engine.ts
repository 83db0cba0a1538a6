import { Piscina } from 'piscina';
import { findFontFolders } from '../../discovery/find-font-folders.js';
import type { Engine, EngineRequest, EngineRun } from '../engine.js';
import { refusedRun } from '../refused-run.js';
import { FontUseDetector } from './font-use-detector.js';
import { HostFonts } from './host-fonts.js';
import { loadOpenScadWasm } from './load-openscad-factory.js';
import { wasmEngineInfo } from './wasm-engine-info.js';
import { wasmExportBlocker } from './wasm-export-routes.js';
import type { WasmTask, WasmTaskResult } from './wasm-task.js';

export interface WasmEngineOptions {
  /** Worker threads, one part each at a time. */
  readonly threads: number;
  /**
   * The host's font folders, given to parts that draw text.
   * @default findFontFolders(), looked up the first time a part needs them
   */
  readonly fontFolders?: readonly string[];
}

/**
 * Runs the embedded OpenSCAD (WebAssembly, Manifold backend) in worker threads, so that a machine
 * without OpenSCAD renders out of the box. A part that must be stopped (cancel, timeout, or the
 * endless loop this build falls into on infinite recursion) terminates its worker thread; the pool
 * starts a new one for the next part. The build has no fonts: parts whose files call `text()` get
 * the host's (see {@link findFontFolders}), read once and shared by the threads.
 */
export async function createWasmEngine(options: WasmEngineOptions): Promise<Engine> {
  const pool = new Piscina<WasmTask, WasmTaskResult>({
    filename: new URL('./wasm-worker.js', import.meta.url).href,
    // Compiled once here and shared: worker threads reuse the machine code instead of each
    // decoding and compiling 8 MB of WebAssembly (and optimising it) again.
    workerData: await loadOpenScadWasm(),
    minThreads: options.threads,
    maxThreads: options.threads,
    concurrentTasksPerWorker: 1,
    idleTimeout: 60_000,
  });
  const detector = new FontUseDetector();
  const hostFonts = new HostFonts();
  let fontFolders = options.fontFolders;
  const fontsFor = async (request: EngineRequest): Promise<WasmTask['fonts']> => {
    if (
      !(await detector.mayUseFonts(
        request.inputFiles,
        [request.program.useCall ?? '', ...request.program.defines].join('\n'),
      ))
    ) {
      return undefined;
    }
    fontFolders ??= findFontFolders();
    return { folders: fontFolders, files: await hostFonts.load(fontFolders) };
  };
  return {
    info: wasmEngineInfo,
    run: async (request) => {
      const blocker = request.outputs
        .map((output) => wasmExportBlocker(output.format))
        .find((reason) => reason !== undefined);
      if (blocker !== undefined) return refusedRun(blocker);
      return runInPool(pool, request, await fontsFor(request));
    },
    close: () => pool.destroy(),
  };
}

async function runInPool(
  pool: Piscina<WasmTask, WasmTaskResult>,
  request: EngineRequest,
  fonts: WasmTask['fonts'],
): Promise<EngineRun> {
  const started = performance.now();
  const task: WasmTask = {
    program: request.program,
    scratchDir: request.scratchDir,
    backend: request.backend ?? 'manifold',
    ...(request.binaryStl === true ? { binaryStl: true } : {}),
    inputFiles: request.inputFiles,
    libraryPaths: request.libraryPaths,
    outputs: request.outputs,
    ...(fonts === undefined ? {} : { fonts }),
  };
  try {
    return await pool.run(task, { signal: request.signal });
  } catch (error) {
    const seconds = (performance.now() - started) / 1000;
    const reason = request.signal.aborted
      ? 'stopped: its worker thread was terminated'
      : `the WASM worker failed: ${error instanceof Error ? error.message : String(error)}`;
    return { exitCode: null, console: '', crash: reason, routes: [], seconds };
  }
}
