import type { EngineInfo } from '../engines/engine.js';

export interface ConcurrencyFacts {
  /** `-j`: what the user asked for, which always wins. */
  readonly requested?: number | undefined;
  /** The project's `threads` / `//render.number_of_threads`. */
  readonly project?: number | undefined;
  readonly cpus: number;
  readonly parts: number;
  /** The native engine, when some part runs on it. */
  readonly native?: EngineInfo | undefined;
}

/**
 * How many parts run at once. Without `-j` or a project setting: one per CPU, since the WASM build
 * and native CGAL builds render on one thread each — except when a native Manifold build renders,
 * which spreads one render over several threads: then half the CPUs, so that workers × threads
 * stays near the core count instead of oversubscribing it. Never more than there are parts.
 */
export function resolveConcurrency(facts: ConcurrencyFacts): number {
  const multiThreaded = facts.native?.backend === 'manifold';
  const wanted =
    facts.requested ?? facts.project ?? (multiThreaded ? Math.ceil(facts.cpus / 2) : facts.cpus);
  return Math.max(1, Math.min(wanted, facts.parts));
}
