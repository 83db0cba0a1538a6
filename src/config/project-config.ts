import type { SourceLocation } from '../diagnostics/diagnostic.js';

/** Where a value was written, with the length of its text for the marker under it. */
export type ConfigLocation = SourceLocation & { readonly length?: number };

/** A value and where the config wrote it. */
export interface Located<T> {
  readonly value: T;
  readonly at: ConfigLocation;
}

/** A value, and where the config wrote it when it came from a file (not the command line). */
export interface MaybeLocated<T> {
  readonly value: T;
  readonly at?: ConfigLocation;
}

/** A value a parameter can take, as YAML/JSON writes it (null stands for OpenSCAD's `undef`). */
export type ParamValue = number | boolean | string | null | readonly ParamValue[];

/** How the generated program brings in the user's file. */
export type IncludeMode = 'include' | 'use';

/** Settings that `defaults`, a file entry and a module entry may each set; the most specific wins. */
export interface PartSettings {
  /** Export suffixes, lower case. */
  readonly formats?: Located<readonly string[]>;
  /** `$fn`, `$fa`, `$fs` for the part. */
  readonly quality?: Located<{
    readonly $fn?: number;
    readonly $fa?: number;
    readonly $fs?: number;
  }>;
  readonly timeoutSeconds?: Located<number>;
  readonly engine?: Located<'auto' | 'native' | 'wasm' | 'hybrid'>;
  readonly backend?: Located<'manifold' | 'cgal'>;
  /** How STL files are written: OpenSCAD's ASCII (default) or binary. */
  readonly stl?: Located<'ascii' | 'binary'>;
  readonly mode?: Located<IncludeMode>;
  /** Output path template relative to the output folder: `{file}`, `{module}`, `{set}`, `{param.NAME}`, `{format}`, `{name}`. */
  readonly output?: Located<string>;
}

/** Customizer parameter sets to render, each as its own part. */
export interface ParamSetsSpec {
  /**
   * The JSON file as written (relative to the config file's folder); undefined for OpenSCAD's
   * own convention, `NAME.json` beside `NAME.scad`.
   */
  readonly file?: MaybeLocated<string>;
  /** The sets to render; undefined for every set in the file. */
  readonly sets?: readonly MaybeLocated<string>[];
  /** Where `paramsets` is written; undefined when given on the command line. */
  readonly at?: ConfigLocation;
}

/** What makes a family of variants of a part: values, customizer sets and a sweep. */
export interface VariantSpec {
  /** `-D`-style overrides, each located for error messages. */
  readonly params?: Readonly<Record<string, Located<ParamValue>>>;
  readonly paramsets?: ParamSetsSpec;
  /** Each variable's values; the cross product gives one part per combination. */
  readonly matrix?: Readonly<Record<string, Located<readonly ParamValue[]>>>;
}

/** One module of a file, with what to render it with. */
export interface ModuleEntry extends PartSettings, VariantSpec {
  readonly name: Located<string>;
}

/**
 * One `files:` entry. Its `params`, `paramsets` and `matrix` make variants of the parts that have
 * no entry of their own: whole files and marked modules.
 */
export interface FileEntry extends PartSettings, VariantSpec {
  /** A path or glob, relative to the config file's folder. */
  readonly path: Located<string>;
  readonly exclude: readonly Located<string>[];
  /**
   * Which parts each matched file gives: `marked` (its `//render.model.*` markers; a file with
   * none is rendered whole), `whole` (the file's own top-level geometry as one part), or the
   * listed modules.
   */
  readonly modules: Located<'marked' | 'whole'> | readonly ModuleEntry[];
}

/** A validated `parascad.config.yaml` / `.yml` / `.json`. */
export interface ProjectConfig {
  /** Absolute path of the config file. */
  readonly file: string;
  /** The output folder as written (relative to the config file's folder). @default `outputs` */
  readonly outDir?: Located<string>;
  /** Parts rendered at once. */
  readonly jobs?: Located<number>;
  /** The cache folder as written (relative to the config file's folder) and its size limit. */
  readonly cache?: { readonly dir?: string; readonly maxSize?: number | string };
  /** Fail parts with warnings or meshes that are not closed. @default false */
  readonly strict?: Located<boolean>;
  readonly defaults: PartSettings;
  readonly files: readonly FileEntry[];
}
