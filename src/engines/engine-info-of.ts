import type { EngineId, EngineInfo } from './engine.js';
import { hybridEngineInfo } from './hybrid/hybrid-engine-info.js';
import { unreachable } from '../util/unreachable.js';
import { wasmEngineInfo } from './wasm/wasm-engine-info.js';

/**
 * What an engine is before it is started (for part keys and the engine line): the WASM engine is
 * always there; the native engine and the hybrid route, which evaluates on it, only with a
 * native OpenSCAD.
 */
export function engineInfoOf(id: EngineId, native: EngineInfo | undefined): EngineInfo | undefined {
  switch (id) {
    case 'wasm':
      return wasmEngineInfo;
    case 'native':
      return native;
    case 'hybrid':
      return native === undefined ? undefined : hybridEngineInfo(native, wasmEngineInfo);
    default:
      return unreachable(id);
  }
}
