import { ParascadError } from '../errors.js';
import type { RunEvent } from './run-event.js';

/** Which engine renders: one of them for every part, or `auto` to choose per part. */
export type EnginePreference = 'native' | 'wasm' | 'hybrid' | 'auto';

export interface RenderOptions {
  /** Folder a relative `file`/`config` and the default project files are looked up in. @default process.cwd() */
  readonly cwd?: string | undefined;
  /**
   * What to render, as on the command line: a project config, a project folder, scad files or
   * globs of them, and part names or globs of them (`lid*`), in any mix.
   * @default the project in cwd: `parascad.config.yaml`, else `render_config.yml`, else `project.scad`
   */
  readonly targets?: readonly string[] | undefined;
  /** A scad file (or any one target): kept for the classic `-f FILE`. */
  readonly file?: string | undefined;
  /** A project config to use: `parascad.config.yaml` (or `.yml`/`.json`) or a classic `render_config.yml`. */
  readonly config?: string | undefined;
  /**
   * `name=value` definitions as `openscad -D` takes them (the value one OpenSCAD expression), for
   * every part; they win over `params`, parameter sets and `matrix`.
   */
  readonly defines?: readonly string[] | undefined;
  /**
   * A customizer parameter set file (relative to cwd) for the parts of the `.scad` targets, or
   * every part when no `.scad` target is given; replaces their `paramsets`.
   * @default with `paramSets`: `NAME.json` beside each `NAME.scad`
   */
  readonly paramSetFile?: string | undefined;
  /** The sets of `paramSetFile` to render. @default every set of the file */
  readonly paramSets?: readonly string[] | undefined;
  /**
   * Parts rendered at once.
   * @default the project's thread count, else the number of CPUs (halved when a native
   * Manifold build, which is multi-threaded itself, renders)
   */
  readonly jobs?: number | undefined;
  /**
   * The classic renderer's `--auto`: `render_config` reads the folder's `render_config.yml`,
   * `markers` the `//render.model.*` markers (of the files given, else of `project.scad`),
   * whatever other source the folder has.
   * @default the first source of the precedence (see `planRun`)
   */
  readonly from?: 'render_config' | 'markers' | undefined;
  /**
   * `$fn` for every part, over `//render.quality` comments, configs and the classic default.
   * @default each part's own (see the README's "One rule for $fn")
   */
  readonly quality?: number | undefined;
  /** Overrides every part's engine. @default each part's `engine` setting, else 'auto' */
  readonly engine?: EnginePreference | undefined;
  /** The native openscad binary. @default `OPENSCAD`, the config's `openscad_path`, PATH, usual install folders */
  readonly openscad?: string | undefined;
  /** Where outputs go (relative to cwd). @default `outputs` beside the project's scad or config file */
  readonly outDir?: string | undefined;
  /**
   * How STL files are written, for every part: `ascii` (OpenSCAD's default) or `binary` (about
   * 5x smaller, and faster to write). @default each part's `stl` setting, else 'ascii'
   */
  readonly stl?: 'ascii' | 'binary' | undefined;
  /** Seconds after which a part is stopped and counted as failed; overrides the parts' settings. @default no limit */
  readonly timeoutSeconds?: number | undefined;
  /** Further tries for a part that crashed or timed out (never for errors in the model). @default 0 */
  readonly retries?: number | undefined;
  /** Stop everything at the first failed part. @default false: render every part, report all failures */
  readonly failFast?: boolean | undefined;
  /**
   * Fail parts that render with warnings or with a mesh that is not closed (open or non-manifold
   * edges), for CI. @default the project config's `strict`, else false
   */
  readonly strict?: boolean | undefined;
  /**
   * A folder of earlier outputs (relative to cwd) to compare each part's outputs with, at their
   * places relative to the output folder. @default the previous run, from `.parascad/last-run.json`
   */
  readonly baseline?: string | undefined;
  /**
   * Memory the running parts may take together, in bytes: a part does not start while the
   * running ones' recorded peaks plus its own would exceed it, and a native render that grows
   * beyond it is stopped. @default three quarters of the memory available at the start
   */
  readonly maxMemoryBytes?: number | undefined;
  /**
   * Also write a PNG picture beside each output that holds geometry (`lid.stl.png`, never the
   * name of a part exported as PNG), drawn in this process from the file: no display, GPU or
   * browser needed. @default false
   */
  readonly thumbnails?: boolean | undefined;
  /** Aborting stops the run now: running parts are killed, waiting ones never start. */
  readonly signal?: AbortSignal | undefined;
  /** Aborting stops the run gently: no more parts start, running ones finish. */
  readonly stopSignal?: AbortSignal | undefined;
  /**
   * Use the cache: a part whose outputs are stored for exactly its inputs is restored instead of
   * rendered, and new renders are stored. `false` neither reads nor writes it (`--no-cache`).
   * @default true
   */
  readonly cache?: boolean | undefined;
  /** Render every part even when cached, and refresh the cache (`--force`). @default false */
  readonly force?: boolean | undefined;
  /**
   * The cache's folder, relative to cwd; several projects or CI runs may share one.
   * @default `PARASCAD_CACHE_DIR`, else the config's `cache.dir`, else `.parascad/cache` in the project
   */
  readonly cacheDir?: string | undefined;
  /**
   * A folder for parascad's state (render times, the last run's record, the default cache) when
   * the project should not keep it — a read-only checkout, a CI cache. Each project gets a folder
   * of its own inside it. Relative to cwd.
   * @default `PARASCAD_STATE_DIR`, else `.parascad/` in the project
   */
  readonly stateDir?: string | undefined;
  /**
   * Bytes the cache may hold; the least recently used entries are removed beyond it.
   * @default the config's `cache.maxSize`, else 2 GB
   */
  readonly cacheMaxBytes?: number | undefined;
  /**
   * A render fleet's Redis address (`redis://host:6379`): the parts render on the
   * `parascad worker`s connected to it instead of on this machine; outputs land here as usual.
   * @default render on this machine
   */
  readonly queue?: string | undefined;
  /** With `queue`: render on this machine when no worker serves the parts' engines. @default false */
  readonly localFallback?: boolean | undefined;
  /** Receives every event of the run as it happens. */
  readonly onEvent?: ((event: RunEvent) => void) | undefined;
  /**
   * The environment (`OPENSCAD`, `OPENSCADPATH`, `PATH`, …). Typed without `@types/node`, so that
   * the published types need nothing beyond TypeScript's own library.
   * @default process.env
   */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
}

/** Rejects option values no run could use, before anything starts. */
export function checkRenderOptions(options: RenderOptions): void {
  const wholeNumber = (name: string, value: number | undefined, minimum: number): void => {
    if (value !== undefined && (!Number.isInteger(value) || value < minimum)) {
      throw new ParascadError(
        'USAGE',
        `${name} must be a whole number of at least ${minimum}, got ${value}`,
      );
    }
  };
  wholeNumber('jobs', options.jobs, 1);
  wholeNumber('quality', options.quality, 1);
  wholeNumber('retries', options.retries, 0);
  wholeNumber('maxMemoryBytes', options.maxMemoryBytes, 1);
  wholeNumber('cacheMaxBytes', options.cacheMaxBytes, 0);
  // Library callers in plain JavaScript get no type check.
  const stl: unknown = options.stl;
  if (stl !== undefined && stl !== 'ascii' && stl !== 'binary') {
    throw new ParascadError('USAGE', `stl must be ascii or binary, got ${JSON.stringify(stl)}`);
  }
  // An empty folder name would resolve to the working folder: outputs among the sources.
  if (options.outDir !== undefined && options.outDir.trim() === '') {
    throw new ParascadError(
      'USAGE',
      `the output folder (-o, --out-dir) is empty${options.outDir === '' ? '' : ` (${JSON.stringify(options.outDir)})`}`,
      'give a folder, e.g. -o outputs, or leave -o out for outputs/ beside the project',
    );
  }
  if (options.timeoutSeconds !== undefined && !(options.timeoutSeconds > 0)) {
    throw new ParascadError(
      'USAGE',
      `timeoutSeconds must be above 0, got ${options.timeoutSeconds}`,
    );
  }
}
