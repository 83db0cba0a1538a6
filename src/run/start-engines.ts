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
  if (count('native') > 0 && resolution.native !== undefined && !engines.has('native')) {
    engines.set(
      'native',
      createNativeEngine(resolution.native.binary, resolution.native.capabilities),
    );
  }
  if (count('wasm') > 0 && !engines.has('wasm')) {
    // Loaded only for runs with WASM parts: piscina and the worker code are not needed otherwise.
    const { createWasmEngine } = await import('../engines/wasm/wasm-engine.js');
    const threads = kept === undefined ? Math.min(concurrency, count('wasm')) : concurrency;
    engines.set('wasm', await createWasmEngine({ threads }));
  }
  return engines;
}
