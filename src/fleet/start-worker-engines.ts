import { findFontFolders } from '../discovery/find-font-folders.js';
import { findLibraryPaths } from '../discovery/find-library-paths.js';
import type { Engine } from '../engines/engine.js';
import { createHybridEngine } from '../engines/hybrid/hybrid-engine.js';
import { createNativeEngine } from '../engines/native/native-engine.js';
import { resolveNative } from '../engines/resolve-native.js';
import { listFontFiles } from '../engines/wasm/list-font-files.js';
import { createWasmEngine } from '../engines/wasm/wasm-engine.js';
import type { ConfigProblem } from '../errors.js';
import { defined } from '../util/defined.js';

export interface WorkerEngines {
  readonly engines: Engine[];
  readonly libraryPaths: string[];
  /** Font files this machine has (for the advert). */
  readonly fonts: number;
  readonly warnings: readonly ConfigProblem[];
}

/**
 * The engines a worker serves: `wasm`, `native` (which must exist), or `auto`: the embedded
 * engine always, and the native one too when this machine has one (and then the hybrid route
 * through both).
 */
export async function startWorkerEngines(options: {
  readonly engine: 'auto' | 'native' | 'wasm';
  readonly jobs: number;
  readonly openscad?: string | undefined;
  readonly env?: NodeJS.ProcessEnv | undefined;
}): Promise<WorkerEngines> {
  const resolution = await resolveNative({
    preference: options.engine === 'wasm' ? 'wasm' : options.engine,
    explicitPath: options.openscad,
    env: options.env,
  });
  const engines: Engine[] = [];
  if (options.engine !== 'wasm' && resolution.native !== undefined) {
    engines.push(createNativeEngine(resolution.native.binary, resolution.native.capabilities));
  }
  if (options.engine !== 'native') {
    engines.push(await createWasmEngine({ threads: options.jobs }));
  }
  const [native, wasm] = engines;
  // With both, the hybrid route through them too: it owns neither, so nothing is closed twice.
  if (engines.length === 2 && native !== undefined && wasm !== undefined) {
    engines.push(createHybridEngine(native, wasm));
  }
  const fonts = (await listFontFiles(findFontFolders(defined({ env: options.env })))).length;
  return {
    engines,
    libraryPaths: findLibraryPaths(
      defined({ env: options.env, openscadBinary: resolution.binaryPath }),
    ),
    fonts,
    warnings: resolution.warnings,
  };
}
