import type { EngineOutputRequest, EngineRun } from '../engine.js';

/** What the main thread sends a WASM worker for one part (structured-cloneable). */
export interface WasmTask {
  readonly wrapperPath: string;
  readonly wrapperSource: string;
  readonly inputFiles: readonly string[];
  readonly libraryPaths: readonly string[];
  readonly outputs: readonly EngineOutputRequest[];
}

/** What a worker answers. */
export type WasmTaskResult = EngineRun;
