import type { EngineInfo } from '../engine.js';

/**
 * The hybrid route as one engine: both OpenSCADs' versions (the evaluation's first), so that a
 * part's cache key changes when either engine does, and the backend of the geometry step.
 */
export function hybridEngineInfo(native: EngineInfo, wasm: EngineInfo): EngineInfo {
  return {
    id: 'hybrid',
    version: `${native.version}+${wasm.version}`,
    backend: wasm.backend,
    source: `${native.source} → ${wasm.source}`,
  };
}
