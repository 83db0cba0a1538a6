import type { EngineOutputRequest, EngineRun } from '../engine.js';

/** What the main thread sends a WASM worker for one part (structured-cloneable). */
export interface WasmTask {
  readonly program: { readonly path: string; readonly source?: string };
  readonly defines: readonly string[];
  readonly backend: 'manifold' | 'cgal';
  readonly inputFiles: readonly string[];
  readonly libraryPaths: readonly string[];
  readonly outputs: readonly EngineOutputRequest[];
}

/** What a worker answers. */
export type WasmTaskResult = EngineRun;
