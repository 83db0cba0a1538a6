import type { EngineChoice } from './choose-engine.js';
import type { EngineInfo } from './engine.js';
import { unreachable } from '../util/unreachable.js';
import { engineInfoOf } from './engine-info-of.js';
import { wasmEngineInfo } from './wasm/wasm-engine-info.js';

export interface EngineChoiceFacts {
  readonly preference: 'native' | 'wasm' | 'hybrid' | 'auto';
  /** The native engine when one was found and works, used or not. */
  readonly native?: EngineInfo | undefined;
  /** Why there is no native engine. */
  readonly nativeUnavailable?: string | undefined;
  /** Each part's engine and reason. */
  readonly choices: readonly EngineChoice[];
}

/** The first line of a run: which engine renders, and why. */
export function explainEngineChoice(facts: EngineChoiceFacts): string {
  const { preference, native, choices } = facts;
  if (preference !== 'auto') {
    const info = engineInfoOf(preference, native);
    return `engine: ${info === undefined ? preference : describe(info)} (--engine ${preference})`;
  }
  const onNative = choices.filter((choice) => choice.engine === 'native').length;
  const onHybrid = choices.filter((choice) => choice.engine === 'hybrid').length;
  const onWasm = choices.length - onNative - onHybrid;
  const failedElsewhere = choices.filter(
    (choice) => choice.failedOn === 'native' || choice.failedOn === 'wasm',
  ).length;
  if ([onNative, onWasm, onHybrid].filter((count) => count > 0).length > 1) {
    const failed =
      failedElsewhere > 0
        ? `${failedElsewhere === 1 ? '1 part' : `${failedElsewhere} parts`} because the other engine failed on it last time, the rest `
        : '';
    const split = [
      ...(onWasm > 0 ? [`wasm for ${parts(onWasm)}`] : []),
      ...(onNative > 0 ? [`native for ${parts(onNative)}`] : []),
      ...(onHybrid > 0 ? [`hybrid for ${parts(onHybrid)}`] : []),
    ].join(', ');
    return `engine: auto → ${split}, ${failed}from each part's recorded times (--verbose says why for each)`;
  }
  const hybrid = onHybrid > 0 ? engineInfoOf('hybrid', native) : undefined;
  const only = hybrid ?? (onNative > 0 && native !== undefined ? native : wasmEngineInfo);
  const reasons = [...new Set(choices.map((choice) => choice.reason))];
  const why = reasons.length === 1 ? (reasons[0] ?? '') : "each part's recorded times favour it";
  // Say what the other engine is, unless the reason already speaks of it.
  const other = only.id === 'wasm' && !why.includes('native') ? otherEngine(facts) : undefined;
  const context = other === undefined ? '' : `; ${other}`;
  return `engine: auto → ${describe(only)} for ${choices.length === 1 ? 'the part' : `all ${parts(choices.length)}`}: ${why}${context}`;
}

function otherEngine(facts: EngineChoiceFacts): string | undefined {
  return facts.native === undefined ? facts.nativeUnavailable : `not ${describe(facts.native)}`;
}

function describe(info: EngineInfo): string {
  switch (info.id) {
    case 'native':
      return `native OpenSCAD ${info.version} (${info.backend}) at ${info.source}`;
    case 'wasm':
      return `wasm OpenSCAD ${info.version} (WebAssembly, ${info.backend})`;
    case 'hybrid': {
      const [evaluates, builds] = info.version.split('+');
      return `hybrid: native OpenSCAD ${evaluates ?? '?'} evaluates, wasm OpenSCAD ${builds ?? '?'} builds the geometry (${info.backend})`;
    }
    default:
      return unreachable(info.id);
  }
}

function parts(count: number): string {
  return `${count} part${count === 1 ? '' : 's'}`;
}
