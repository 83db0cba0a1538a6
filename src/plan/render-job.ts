import type { SourceLocation } from '../diagnostics/diagnostic.js';

/** One file a part produces. */
export interface PlannedOutput {
  /** Lower-case export suffix (`stl`, `svg`, …). */
  readonly format: string;
  /** Absolute path the finished file is renamed to. */
  readonly path: string;
}

/**
 * One part: a module of a scad file rendered once, with every format the user asked for
 * (one OpenSCAD run exports them all, sharing its caches).
 */
export interface RenderJob {
  /** Stable identity across runs (scad path relative to the project, module, settings). */
  readonly id: string;
  /** What the user calls this part: the module name. */
  readonly name: string;
  /** Absolute path of the user's scad file. */
  readonly scadFile: string;
  readonly module: string;
  readonly declaredAt: SourceLocation;
  readonly requestedAt: SourceLocation;
  readonly outputs: readonly PlannedOutput[];
  /** `$fn` set after the user's file is included, so the file's own top-level `$fn` cannot defeat it. */
  readonly quality: number;
}
