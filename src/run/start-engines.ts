import { chooseEngine, type EngineChoice } from '../engines/choose-engine.js';
import type { Engine, EngineId } from '../engines/engine.js';
import { createNativeEngine } from '../engines/native/native-engine.js';
import type { NativeResolution } from '../engines/resolve-native.js';
import { createWasmEngine } from '../engines/wasm/wasm-engine.js';
import type { PartHistory } from '../history/history-store.js';
import type { EnginePreference } from './render-options.js';

/** A part's engine: the one the user forced, or the `auto` rule's pick. */
export function choosePartEngine(
  preference: EnginePreference,
  resolution: NativeResolution,
  history: PartHistory | undefined,
): EngineChoice {
  switch (preference) {
    case 'native':
      return { engine: 'native', reason: '--engine native' };
    case 'wasm':
      return { engine: 'wasm', reason: '--engine wasm' };
    case 'auto':
      return chooseEngine(resolution.native?.info, history);
  }
}

/** Starts only the engines some part will use; the WASM pool gets no more threads than it has parts. */
export async function startEngines(
  resolution: NativeResolution,
  choices: readonly EngineChoice[],
  concurrency: number,
): Promise<Map<EngineId, Engine>> {
  const engines = new Map<EngineId, Engine>();
  const count = (engine: EngineId): number =>
    choices.filter((choice) => choice.engine === engine).length;
  if (count('native') > 0 && resolution.native !== undefined) {
    engines.set(
      'native',
      createNativeEngine(resolution.native.binary, resolution.native.capabilities),
    );
  }
  if (count('wasm') > 0) {
    engines.set('wasm', await createWasmEngine({ threads: Math.min(concurrency, count('wasm')) }));
  }
  return engines;
}
