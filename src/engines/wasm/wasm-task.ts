import type { EngineOutputRequest, EngineProgram, EngineRun } from '../engine.js';
import type { HostFontFile } from './host-fonts.js';

/** What the main thread sends a WASM worker for one part (structured-cloneable). */
export interface WasmTask {
  readonly program: EngineProgram;
  readonly scratchDir: string;
  readonly backend: 'manifold' | 'cgal';
  /** Ask for binary STL (see EngineRequest). */
  readonly binaryStl?: boolean;
  readonly inputFiles: readonly string[];
  readonly libraryPaths: readonly string[];
  readonly outputs: readonly EngineOutputRequest[];
  /**
   * The host's fonts, sent only when the part's files call `text()`, `textmetrics()` or
   * `fontmetrics()`: the worker then gives the instance those fonts and a fontconfig
   * configuration, which other parts do without. Their bytes are shared memory, not copies.
   */
  readonly fonts?: {
    /** The font folders searched, listed in fontconfig's configuration. */
    readonly folders: readonly string[];
    readonly files: readonly HostFontFile[];
  };
}

/** What a worker answers. */
export type WasmTaskResult = EngineRun;
