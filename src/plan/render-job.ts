import type { SourceLocation } from '../diagnostics/diagnostic.js';

/** One file a part produces. */
export interface PlannedOutput {
  /** Lower-case export suffix (`stl`, `svg`, …). */
  readonly format: string;
  /** Absolute path the finished file is renamed to. */
  readonly path: string;
}

/** `$fn`, `$fa`, `$fs`: OpenSCAD's special variables for curve resolution. */
export interface Quality {
  readonly $fn?: number;
  readonly $fa?: number;
  readonly $fs?: number;
}

/**
 * Where a part's `$fn`/`$fa`/`$fs` come from, for `list` and the first line of a run:
 * `command-line` (`--quality N`), `config` (a config's `quality`), `comment` (a
 * `//render.quality N` comment), `classic-default` (`$fn = 95`, which marker and
 * `render_config.yml` projects get as the classic renderer gave it), `file` (parascad sets none:
 * the file's own top-level assignments, listed in `assigned`, or OpenSCAD's defaults).
 */
export type QualitySource =
  | { readonly kind: 'command-line' }
  | { readonly kind: 'config' | 'comment'; readonly file: string }
  | { readonly kind: 'classic-default' }
  | {
      readonly kind: 'file';
      /** `$fn = 80` and where, for each variable the file or its includes assign at top level. */
      readonly assigned?: readonly { readonly text: string; readonly at: SourceLocation }[];
    };

/**
 * One part: a module of a scad file (or the file's own top-level geometry) rendered once with
 * its settings, to every format the user asked for (one OpenSCAD run exports them all, sharing
 * its caches).
 */
export interface RenderJob {
  /** Stable identity across runs: the file relative to the project, the module, and a digest of the settings. */
  readonly id: string;
  /** What the user calls this part, and selects it by (`lid`, `lid-small`, `lid-size10-wall1.2`). */
  readonly name: string;
  /** Absolute path of the user's scad file. */
  readonly scadFile: string;
  /** The module to call; undefined renders the file's top-level geometry as it is. */
  readonly module?: string;
  /**
   * `include`: the generated program includes the file (the `batch_rendering` guard keeps its
   * own geometry out) and assigns the variables after it; `use`: it uses the file (whose
   * top-level geometry never runs) and the variables go through `-D`, which also reaches the
   * files the user's file uses.
   */
  readonly mode: 'include' | 'use';
  /** Variables to set, as OpenSCAD source: `{ width: '40', label: '"big"', size: '[1, 2]' }`. */
  readonly variables: Readonly<Record<string, string>>;
  /**
   * Variables the module call passes on as arguments of the same name (`lid(width = width)`):
   * those that are parameters of the module, whose own defaults would otherwise hide the values.
   */
  readonly arguments?: readonly string[];
  readonly quality: Quality;
  /** Where `quality` comes from; undefined for parts built by other tools. */
  readonly qualityFrom?: QualitySource;
  readonly outputs: readonly PlannedOutput[];
  /** Where the module (or, for a whole file, the file) is declared. */
  readonly declaredAt: SourceLocation;
  /** Where the user asked for it: a marker, a config entry. */
  readonly requestedAt: SourceLocation;
  /** Overrides of the run's settings for this part. */
  readonly timeoutSeconds?: number;
  readonly engine?: 'auto' | 'native' | 'wasm' | 'hybrid';
  readonly backend?: 'manifold' | 'cgal';
  /**
   * How STL outputs are written: OpenSCAD's ASCII, or binary (about 5x smaller, and faster to
   * write). Not part of the id: the geometry is the same. @default 'ascii'
   */
  readonly stl?: 'ascii' | 'binary';
  /**
   * The customizer parameter set the variables came from, for names and reports; `beside` when
   * the file was found by OpenSCAD's convention (`NAME.json` beside `NAME.scad`) without being named.
   */
  readonly paramSet?: { readonly file: string; readonly name: string; readonly beside?: true };
}
