import type { SourceFiles } from '../discovery/source-files.js';
import type {
  ConfigLocation,
  ModuleEntry,
  ParamSetsSpec,
  PartSettings,
  VariantSpec,
} from '../config/project-config.js';
import type { ConfigProblem } from '../errors.js';
import type { ParameterSets } from './customizer-sets.js';
import type { FilePattern } from './expand-file-pattern.js';

/** One `files:` entry of a project config, or a command-line path planned like one. */
export interface PartRequest {
  readonly path: FilePattern;
  readonly exclude: readonly FilePattern[];
  /** See `FileEntry.modules`. */
  readonly modules: 'marked' | 'whole' | readonly ModuleEntry[];
  /** Where `modules: marked|whole` was written, if anywhere. */
  readonly modulesAt?: ConfigLocation;
  /** The entry's own settings; `PlanContext.defaults` fill in the rest. */
  readonly settings: PartSettings;
  /** The entry's own variants of its whole files and marked modules. */
  readonly variants?: VariantSpec;
}

/** Values given on the command line (`-p FILE`, `-P SET`, `-D name=value`), for every part. */
export interface CommandLineValues {
  /**
   * Parameter sets replacing those of every part (`file` absolute; undefined for `NAME.json`
   * beside each file).
   */
  readonly paramsets?: ParamSetsSpec;
  /** Which files `paramsets` applies to (absolute path); @default every file */
  readonly appliesTo?: (scadFile: string) => boolean;
  /** `-D` definitions, as OpenSCAD source, winning over params, sets and matrix of every part. */
  readonly defines?: readonly { readonly name: string; readonly source: string }[];
}

/** What planning every request shares. */
export interface PlanContext {
  /** Folder that globs, excludes and parameter set files are relative to. */
  readonly baseDir: string;
  readonly defaults: PartSettings;
  /** Absolute folder part ids are relative to. */
  readonly projectDir: string;
  /** Absolute output folder. */
  readonly outDir: string;
  /**
   * Output path template for parts whose settings name none (from the command line, so it has
   * no place in a file).
   * @default `{name}.{format}`
   */
  readonly outputTemplate?: string;
  /** Dimension of a part's last render, when known. */
  readonly dimensionOf?: (partId: string) => '2d' | '3d' | undefined;
  /**
   * Marked modules with no quality from settings or a `//render.quality` comment get the classic
   * renderer's `$fn = 95`: true for marker projects (files named on the command line), false
   * for `parascad.config.yaml` projects, which get only what the config sets.
   * @default false
   */
  readonly classicQuality?: boolean;
  /**
   * OpenSCAD's library search path, where listed modules are sought through `include`s.
   * @default the usual library folders and `OPENSCADPATH` (see `findLibraryPaths`)
   */
  readonly libraryPaths?: readonly string[];
  /** Receives what is worth telling but does not stop the run. */
  readonly onWarning?: (warning: ConfigProblem) => void;
  /** Values from the command line, for every part. */
  readonly commandLine?: CommandLineValues;
  /**
   * The planning pass's sources, each read and lexed once.
   * @default a new one for the pass
   */
  readonly sources?: SourceFiles;
  /** The parameter sets of a customizer file, read once per file; rejects with a `ConfigError`. */
  readonly parameterSets: (jsonFile: string, at?: ConfigLocation) => Promise<ParameterSets>;
}
