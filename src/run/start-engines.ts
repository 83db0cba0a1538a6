import {
  chooseEngine,
  type ChooseEngineContext,
  type EngineChoice,
} from '../engines/choose-engine.js';
import type { Engine, EngineId } from '../engines/engine.js';
import { createNativeEngine } from '../engines/native/native-engine.js';
import type { NativeResolution } from '../engines/resolve-native.js';
import { wasmExportBlocker } from '../engines/wasm/wasm-export-routes.js';
import type { PartHistory } from '../history/history-store.js';
import type { EnginePreference } from './render-options.js';

/**
 * A part's engine: the one the user forced, or the `auto` rule's pick — after sending a part to
 * the engine that can export all of its formats when only one can (PNG needs the native
 * engine's OpenGL; OBJ and WRL need a newer OpenSCAD than 2021.01).
 */
export function choosePartEngine(
  preference: EnginePreference,
  resolution: NativeResolution,
  history: PartHistory | undefined,
  formats: readonly string[],
  context: ChooseEngineContext = {},
): EngineChoice {
  switch (preference) {
    case 'native':
      return { engine: 'native', reason: '--engine native' };
    case 'wasm':
      return { engine: 'wasm', reason: '--engine wasm' };
    case 'hybrid':
      return { engine: 'hybrid', reason: '--engine hybrid' };
    case 'auto': {
      const native = resolution.native;
      if (native === undefined) return chooseEngine(undefined, history, context);
      const nativeLacks = cannotExport(resolution, 'native', formats);
      const wasmLacks = cannotExport(resolution, 'wasm', formats);
      if (nativeLacks !== undefined && wasmLacks === undefined) {
        return {
          engine: 'wasm',
          reason: `native OpenSCAD ${native.info.version} cannot export ${nativeLacks}`,
        };
      }
      if (wasmLacks !== undefined && nativeLacks === undefined) {
        return { engine: 'native', reason: `the WASM OpenSCAD cannot export ${wasmLacks}` };
      }
      return chooseEngine(native.info, history, context);
    }
  }
}

/** The first of the formats an engine cannot export (or `openscad` when it is not installed). */
export function cannotExport(
  resolution: NativeResolution,
  engine: EngineId,
  formats: readonly string[],
): string | undefined {
  if (engine === 'wasm') return formats.find((format) => wasmExportBlocker(format) !== undefined);
  const native = resolution.native;
  if (native === undefined) return 'openscad';
  // The hybrid route's native step exports only the `.csg`; the WASM step writes the outputs.
  if (engine === 'hybrid') {
    return native.capabilities.exportFormats?.includes('csg') === false
      ? 'csg'
      : cannotExport(resolution, 'wasm', formats);
  }
  return formats.find((format) => native.capabilities.exportFormats?.includes(format) === false);
}

/**
 * Starts only the engines some part will use; the WASM pool gets no more threads than it has parts.
 * With the engines a session keeps (`kept`), those already started are reused, new ones are added
 * to it, and a new WASM pool gets the run's full width, since later runs reuse it.
 */
export async function startEngines(
  resolution: NativeResolution,
  choices: readonly EngineChoice[],
  concurrency: number,
  kept?: Map<EngineId, Engine>,
): Promise<Map<EngineId, Engine>> {
  const engines = kept ?? new Map<EngineId, Engine>();
  const count = (engine: EngineId): number =>
    choices.filter((choice) => choice.engine === engine).length;
  // Hybrid parts run on both: their evaluation natively, their geometry in the WASM pool.
  const hybrid = resolution.native === undefined ? 0 : count('hybrid');
  if (count('native') + hybrid > 0 && resolution.native !== undefined && !engines.has('native')) {
    engines.set(
      'native',
      createNativeEngine(resolution.native.binary, resolution.native.capabilities),
    );
  }
  const onWasm = count('wasm') + hybrid;
  if (onWasm > 0 && !engines.has('wasm')) {
    // Loaded only for runs with WASM parts: piscina and the worker code are not needed otherwise.
    const { createWasmEngine } = await import('../engines/wasm/wasm-engine.js');
    const threads = kept === undefined ? Math.min(concurrency, onWasm) : concurrency;
    engines.set('wasm', await createWasmEngine({ threads }));
  }
  const native = engines.get('native');
  const wasm = engines.get('wasm');
  if (hybrid > 0 && !engines.has('hybrid') && native !== undefined && wasm !== undefined) {
    const { createHybridEngine } = await import('../engines/hybrid/hybrid-engine.js');
    engines.set('hybrid', createHybridEngine(native, wasm));
  }
  return engines;
}
