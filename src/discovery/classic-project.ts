import type { SourceLocation } from '../diagnostics/diagnostic.js';
import type { ConfigProblem } from '../errors.js';

/** One module to render, and the formats it is exported to. */
export interface ModelSpec {
  readonly module: string;
  /** Lower-case export suffixes, each at most once, in the order the user wrote them. */
  readonly formats: readonly string[];
  /** Where `module NAME` is declared in the scad file (used to place diagnostics of the generated call). */
  readonly declaredAt: SourceLocation;
  /** Where the user asked for it: the `//render.model.*` marker or the `render_config.yml` entry. */
  readonly requestedAt: SourceLocation;
}

/**
 * What the classic conventions describe: one scad file, its models, and the run settings
 * from `//render.*` comments, `render_config.yml`, or the first generation's `renderer.py`.
 */
export interface ClassicProject {
  /**
   * `annotations`: a scad file's markers; `render-config`: `render_config.yml`; `renderer-py`:
   * the `models` list of the first generation's `renderer.py`, whose parts call modules of the
   * gateway `renderer.scad` and get no `$fn` from parascad (the gateway's own decides).
   */
  readonly kind: 'annotations' | 'render-config' | 'renderer-py';
  /** Absolute path of the scad file (the gateway `renderer.scad` for `renderer-py`). */
  readonly scadFile: string;
  /** Absolute path of `render_config.yml` in config mode, of `renderer.py` for `renderer-py`. */
  readonly configFile?: string;
  readonly models: readonly ModelSpec[];
  /** `$fn` for every part; undefined when the project does not say (parascad then uses 95). */
  readonly quality?: number;
  /** Where `quality` is written: the config's `quality`, or the scad file's `//render.quality`. */
  readonly qualityFrom?: 'config' | 'comment';
  /** Worker count the project asks for; undefined when it does not say. */
  readonly threads?: number;
  /** `openscad_path` from the config file, resolved against the config file's folder when relative. */
  readonly openscadPath?: string;
  /** Things worth telling the user that do not stop the run (unknown `//render…` lines, …). */
  readonly warnings: readonly ConfigProblem[];
}
