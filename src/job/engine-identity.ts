import type { EngineId, EngineInfo } from '../engines/engine.js';

/**
 * What of an engine decides a part's output bytes: which engine, OpenSCAD's version, and the
 * geometry backend the part is rendered with. A part key names it; a remote worker must match it.
 */
export interface EngineIdentity {
  readonly id: EngineId;
  readonly version: string;
  readonly backend: 'manifold' | 'cgal';
}

/**
 * The identity a part renders with on an engine: the backend the part asks for when the engine
 * has it, else the engine's own (a CGAL-only build renders `backend: manifold` parts with CGAL).
 */
export function engineIdentity(
  engine: EngineInfo,
  requested: 'manifold' | 'cgal' | undefined,
): EngineIdentity {
  const backend =
    requested === undefined
      ? engine.backend
      : engine.id === 'wasm' || requested === 'cgal' || engine.backend === 'manifold'
        ? requested
        : engine.backend;
  return { id: engine.id, version: engine.version, backend };
}
