import { partProgram, usedFileQuality, type QualityName } from '../plan/part-program.js';
import type { Quality, RenderJob } from '../plan/render-job.js';
import type { Digest } from './digest.js';
import type { EngineIdentity } from './engine-identity.js';
import type { FileDigests } from './file-digests.js';
import { inputPath } from './input-path.js';

/**
 * One part's work, self-contained and serialisable (plain JSON): everything needed to render it
 * anywhere and to name its result. Paths are relative to the project root (or `<lib>/…` for
 * OpenSCAD's library folders, see {@link inputPath}), files travel by content digest, and the
 * program is given both as structured fields (for a worker that rebuilds it and never runs text
 * from a queue) and as the text parascad runs locally. The local pool and a remote worker run
 * the same job.
 */
export interface PartJob {
  /** The shape's version: a worker refuses a job it does not understand. */
  readonly schema: 1;
  /** The part's identity across runs (file, module, settings): history and reports refer to it. */
  readonly id: string;
  readonly name: string;
  /** What the part is, structured: the file and module, how it is included, its values. */
  readonly part: {
    readonly file: string;
    readonly module?: string;
    readonly mode: 'include' | 'use';
    readonly variables: Readonly<Record<string, string>>;
    /** Variables the module call passes on as arguments (see `RenderJob.arguments`). */
    readonly arguments?: readonly string[];
    readonly quality: Quality;
    /**
     * In use mode, the used file's own `$fn`/`$fa`/`$fs` that the main program assigns again
     * (see `usedFileQuality`): expressions of numbers and special variables only.
     */
    readonly fileQuality?: Readonly<Partial<Record<QualityName, string>>>;
  };
  /**
   * What OpenSCAD runs, from `partProgram`: the user's file (relative) and what the part appends
   * to it (`-D` definitions; in use mode the call of a generated program that `use`s the file).
   */
  readonly program: {
    /** The user's file: OpenSCAD's main file, or the file the generated use-mode program uses. */
    readonly path: string;
    readonly defines: readonly string[];
    readonly useCall?: string;
  };
  /**
   * The files the part may read, by path (see {@link inputPath}) → content digest; null for a
   * file OpenSCAD would look for that does not exist (creating it changes the part).
   */
  readonly inputs: Readonly<Record<string, Digest | null>>;
  /** Export formats, in the order asked for (one OpenSCAD run writes them all). */
  readonly formats: readonly string[];
  /** The engine it must render on. */
  readonly engine: EngineIdentity;
  /** Seconds before the part is stopped, when limited. */
  readonly timeoutSeconds?: number;
  /** Set when STL outputs are written binary (it changes their bytes); absent for OpenSCAD's ASCII. */
  readonly stl?: 'binary';
}

/** Where a run's parts live, to address and digest their inputs. */
export interface PartJobContext {
  /** The project folder: job paths are relative to it. */
  readonly root: string;
  readonly libraryPaths: readonly string[];
  /** Absolute paths of the files the part may read (its closure). */
  readonly inputFiles: readonly string[];
  /** Absolute paths OpenSCAD would look at that do not exist now. */
  readonly absentFiles?: readonly string[];
  readonly engine: EngineIdentity;
  readonly digests: FileDigests;
  readonly timeoutSeconds?: number | undefined;
  readonly stl?: 'ascii' | 'binary' | undefined;
}

/** Builds the self-contained job of a planned part. */
export async function buildPartJob(job: RenderJob, context: PartJobContext): Promise<PartJob> {
  const address = (file: string): string => inputPath(context.root, context.libraryPaths, file);
  const program = partProgram(job);
  const fileQuality = usedFileQuality(job);
  const inputs: Record<string, Digest | null> = {};
  for (const file of context.absentFiles ?? []) inputs[address(file)] = null;
  for (const file of context.inputFiles) inputs[address(file)] = await context.digests.of(file);
  return {
    schema: 1,
    id: job.id,
    name: job.name,
    part: {
      file: address(job.scadFile),
      ...(job.module === undefined ? {} : { module: job.module }),
      mode: job.mode,
      variables: job.variables,
      ...(job.arguments === undefined ? {} : { arguments: job.arguments }),
      quality: job.quality,
      ...(Object.keys(fileQuality).length === 0 ? {} : { fileQuality }),
    },
    program: { path: address(job.scadFile), ...program },
    inputs: sortedRecord(inputs),
    formats: job.outputs.map((output) => output.format),
    engine: context.engine,
    ...(context.timeoutSeconds === undefined ? {} : { timeoutSeconds: context.timeoutSeconds }),
    ...(context.stl === 'binary' ? { stl: 'binary' as const } : {}),
  };
}

function sortedRecord<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(
    Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
}
