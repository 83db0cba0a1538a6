import { ParascadError, type ConfigProblem } from '../errors.js';
import type { EngineInfo } from './engine.js';
import { findOpenScad, type FoundOpenScad } from './native/find-openscad.js';
import type { OpenScadCapabilities } from './native/probe-openscad.js';
import { probeOpenScadOnce } from './native/probe-openscad-once.js';

/** A usable native binary and what it can do. */
export interface NativeOpenScad {
  readonly binary: string;
  readonly capabilities: OpenScadCapabilities;
  readonly info: EngineInfo;
}

export interface NativeResolution {
  /** Set when a working native binary exists (and was wanted). */
  readonly native?: NativeOpenScad;
  /** Where a binary was found even when it was not probed (`--engine wasm`): it locates OpenSCAD's libraries. */
  readonly binaryPath?: string;
  /** Why there is no native engine, for the engine line. */
  readonly unavailable?: string;
  readonly warnings: readonly ConfigProblem[];
}

export interface ResolveNativeOptions {
  readonly preference: 'native' | 'wasm' | 'auto';
  readonly explicitPath?: string | undefined;
  readonly configPath?: string | undefined;
  readonly configFile?: string | undefined;
  readonly env?: NodeJS.ProcessEnv | undefined;
}

/**
 * Finds and probes the native engine as far as the engine preference needs it. A binary the user
 * named with `--openscad` or `OPENSCAD` must work; a config's `openscad_path` that does not exist
 * here (configs travel between machines) only warns, and the search goes on.
 */
export async function resolveNative(options: ResolveNativeOptions): Promise<NativeResolution> {
  const warnings: ConfigProblem[] = [];
  const search = { explicitPath: options.explicitPath, env: options.env };
  let found = await findOpenScad({ ...search, configPath: options.configPath });
  if (found?.kind === 'missing' && found.source === 'openscad_path') {
    warnings.push({
      message: `openscad_path ${found.path} does not exist or is not executable; looking on PATH instead`,
      ...(options.configFile === undefined
        ? {}
        : { location: { file: options.configFile, line: 1 } }),
    });
    found = await findOpenScad(search);
  }
  if (found?.kind === 'missing') {
    throw new ParascadError(
      'ENGINE_NOT_FOUND',
      `${found.source === '--openscad' ? '--openscad' : 'The OPENSCAD environment variable'} names ${found.path}, which does not exist or is not executable`,
      'Point it at your openscad binary, or leave it out to use the one on PATH or the embedded engine (--engine wasm).',
    );
  }
  if (found === undefined) {
    if (options.preference === 'native') {
      throw new ParascadError(
        'ENGINE_NOT_FOUND',
        'No native openscad was found (looked at --openscad, OPENSCAD, openscad_path, PATH and the usual install folders)',
        'Install OpenSCAD, pass --openscad PATH, or use the embedded engine with --engine wasm.',
      );
    }
    return { unavailable: 'no native openscad found', warnings };
  }
  if (options.preference === 'wasm') return { binaryPath: found.path, warnings };
  return probe(found, options.preference, warnings);
}

async function probe(
  found: FoundOpenScad,
  preference: 'native' | 'auto',
  warnings: ConfigProblem[],
): Promise<NativeResolution> {
  try {
    const capabilities = await probeOpenScadOnce(found.path);
    const info: EngineInfo = {
      id: 'native',
      version: capabilities.version,
      backend: capabilities.backend,
      source: found.path,
    };
    return { native: { binary: found.path, capabilities, info }, binaryPath: found.path, warnings };
  } catch (error) {
    const reason = `${found.path} did not answer like OpenSCAD: ${error instanceof Error ? error.message : String(error)}`;
    if (preference === 'native') {
      throw new ParascadError(
        'ENGINE_UNAVAILABLE',
        reason,
        'Check the binary, or use --engine wasm.',
      );
    }
    return { unavailable: reason, binaryPath: found.path, warnings };
  }
}
