import type { EngineId } from './engine.js';

/** What decides whether a failed part is rendered again on the other engine. */
export interface FallbackFacts {
  /** Whether the engine was the user's choice (`native`/`wasm`) or `auto`'s. */
  readonly preference: 'auto' | 'native' | 'wasm' | 'hybrid';
  /** The engine the part just failed on. */
  readonly engine: EngineId;
  /** The failure's `kind` (see `FailureReason`). */
  readonly failureKind: string;
  /** For an OpenSCAD error, what parascad recognised it as (see `DiagnosticCode`). */
  readonly diagnosticCode?: string | undefined;
  /** Engines this part already ran on in this run. */
  readonly tried: ReadonlySet<EngineId>;
  /** Whether an engine is installed and can export every format of the part. */
  readonly canRender: (engine: EngineId) => boolean;
}

/**
 * Failures that say something about the engine rather than about the user's limits: OpenSCAD
 * errors (2025 refuses some models 2021 renders, and CGAL some Manifold renders), crashes (the
 * WASM build's smaller stack), an unusable or missing output, an exit code, WebAssembly's
 * 4 GiB. Not a timeout (the user's limit would be spent twice), a cancel or a file-system error.
 */
const engineFailures: ReadonlySet<string> = new Set([
  'openscad-error',
  'engine-crash',
  'exit-code',
  'missing-output',
  'invalid-output',
  'conversion-failed',
  'memory-limit',
]);

/**
 * OpenSCAD errors that say something about the model on any engine: 2D geometry asked for in a 3D
 * format, or the reverse. Another engine would only fail the same way.
 */
const modelFailures: ReadonlySet<string> = new Set(['not-3d', 'not-2d']);

/** Whether a failure of this kind is worth rendering again on the other engine in the same run. */
export function isEngineFailure(failureKind: string): boolean {
  return engineFailures.has(failureKind);
}

/**
 * Whether a failure of this kind is worth remembering against the engine it happened on, so that
 * the next run's `auto` sends the part to the other one: the engine failures, and a timeout — not
 * rendered again in the same run, but an engine that overran the limit once (the WASM 2025 takes
 * minutes over a file that includes itself, which 2021.01 refuses in 0.1 s) is not tried first
 * again on every run.
 */
export function isRememberedFailure(failureKind: string): boolean {
  return engineFailures.has(failureKind) || failureKind === 'timeout';
}

/**
 * Under `auto`, a part that fails on one engine is rendered again, in the same run, on the other
 * one — once, and only when that engine is there and can export the part's formats. So neither a
 * model the embedded 2025 refuses nor a try on an engine predicted to be faster ever loses a
 * part the other engine renders. Returns the engine of the next try, or undefined.
 */
export function fallbackEngine(facts: FallbackFacts): EngineId | undefined {
  if (facts.preference !== 'auto' || !isEngineFailure(facts.failureKind)) return undefined;
  if (facts.diagnosticCode !== undefined && modelFailures.has(facts.diagnosticCode))
    return undefined;
  // A hybrid try that failed goes to an engine alone: WASM (its geometry), else native.
  const others: readonly EngineId[] =
    facts.engine === 'hybrid' ? ['wasm', 'native'] : [facts.engine === 'wasm' ? 'native' : 'wasm'];
  return others.find((other) => !facts.tried.has(other) && facts.canRender(other));
}
