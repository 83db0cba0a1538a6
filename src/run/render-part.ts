import { constants } from 'node:fs';
import { access, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, sep } from 'node:path';
import { pointAt, type Diagnostic } from '../diagnostics/diagnostic.js';
import { oncePerExport } from '../diagnostics/once-per-export.js';
import { summariseRender } from '../diagnostics/summarise-render.js';
import type { Engine, EngineRun } from '../engines/engine.js';
import { makeOutputFolder } from '../outputs/make-output-folder.js';
import { OutputsNotReplaced, replaceOutputsTogether } from '../outputs/replace-outputs.js';
import { asciiStlToBinary, isBinaryStl } from '../outputs/convert/ascii-stl-to-binary.js';
import { inspectOutput } from '../formats/inspect-output.js';
import { UnreadableOutputError } from '../formats/unreadable-output-error.js';
import type { RenderJob } from '../plan/render-job.js';
import { partProgram } from '../plan/part-program.js';
import { digest } from '../job/digest.js';
import type { DeliveredOutput, FailureReason, OutputFacts, PartResult } from './part-result.js';
import { defined } from '../util/defined.js';
import { locateDiagnostics } from './locate-diagnostics.js';
import { makeScratchDir, removeScratchDir, tempNameBeside } from './temp-names.js';
import { relativePath } from '../util/relative-path.js';
import { removeFile } from '../util/remove-file.js';
import { makeFolder } from '../util/make-folder.js';
import { timeoutSignal } from '../util/timeout-signal.js';

export interface RenderPartContext {
  readonly engine: Engine;
  /** Aborted when the whole run is cancelled. */
  readonly signal: AbortSignal;
  /** Seconds before the part is stopped; undefined for no limit. */
  readonly timeoutSeconds?: number;
  readonly inputFiles: readonly string[];
  readonly libraryPaths: readonly string[];
  /** Memory the render may take before its engine stops it. */
  readonly memoryLimitBytes: number;
  /** Which try this is (1-based), reported in the result. */
  readonly attempt: number;
  /** Ask the engine which files OpenSCAD opened, for the cache (see {@link PartResult.dependencies}). */
  readonly recordDependencies?: boolean;
  /**
   * The output folder: folders an output template creates below it must stay inside it, however
   * symlinks lead. Without it, outputs' folders are created as they are.
   */
  readonly outDir?: string;
  /** The run's STL encoding (`--stl`), over the part's own setting. */
  readonly stl?: 'ascii' | 'binary';
  /** Called when the engine has finished with the part, before its outputs are checked. */
  readonly onEngineDone?: () => void;
}

/**
 * Renders one part and judges the result: it counts as rendered only when OpenSCAD exited 0,
 * printed no fatal message, and wrote every requested file with real content. Outputs are written
 * under temporary names and renamed only then, so a failed or cancelled render never leaves a
 * half-written file and never replaces a good file of an earlier run.
 */
export async function renderPart(job: RenderJob, context: RenderPartContext): Promise<PartResult> {
  const { engine } = context;
  const binaryStl = (context.stl ?? job.stl) === 'binary';
  const outputs = job.outputs.map((output) => ({
    ...output,
    tempPath: tempNameBeside(output.path),
  }));
  const program = partProgram(job);
  const timeout = timeoutSignal(context.timeoutSeconds);
  const signal =
    timeout === undefined ? context.signal : AbortSignal.any([context.signal, timeout]);
  // Generated files never go beside the user's file: its folder may be read-only, or another
  // project's (a config's `path: ../other/x.scad`).
  const scratchDir = await makeScratchDir();
  const renamed = new Set<(typeof outputs)[number]>();
  try {
    const { outDir } = context;
    for (const output of outputs) {
      if (outDir === undefined) await makeFolder(dirname(output.path));
      else await makeOutputFolder(dirname(output.path), outDir);
    }
    // Before the render, not after it: a read-only or immutable output folder would otherwise
    // fail every part only once its render was done, naming a temporary file.
    const unwritable = await unwritableFolder(outputs.map((output) => dirname(output.path)));
    if (unwritable !== undefined) {
      return {
        job,
        engine: engine.info.id,
        status: 'failed',
        failure: { kind: 'io-error', message: unwritable },
        outputs: [],
        diagnostics: [],
        seconds: 0,
        attempts: context.attempt,
        console: '',
      };
    }
    const run = await engine.run({
      program: { file: job.scadFile, ...program },
      scratchDir,
      ...defined({ backend: job.backend }),
      ...(binaryStl ? { binaryStl } : {}),
      outputs: echoLast(outputs.map(({ format, tempPath }) => ({ format, tempPath }))),
      inputFiles: context.inputFiles,
      libraryPaths: context.libraryPaths,
      memoryLimitBytes: context.memoryLimitBytes,
      signal,
      ...(context.recordDependencies === true ? { recordDependencies: true } : {}),
    });
    context.onEngineDone?.();
    const diagnostics = [
      ...(run.diagnostics ?? []),
      ...oncePerExport(
        await locateDiagnostics(job, run.console, {
          scratchDir,
          inputFiles: context.inputFiles,
        }),
        outputs.length,
      ),
      ...(run.notes ?? []).map((message): Diagnostic => ({
        severity: 'warning',
        message,
        fatal: false,
      })),
    ];
    const base = {
      job,
      engine: engine.info.id,
      diagnostics,
      seconds: run.seconds,
      attempts: context.attempt,
      console: run.console,
      ...renderFacts(run),
      ...defined({
        peakBytes: run.peakBytes,
        // The generated files in the scratch folder are parascad's, not the part's inputs.
        dependencies: run.dependencies?.filter((file) => !file.startsWith(`${scratchDir}${sep}`)),
      }),
    };
    // A render that finished before the cancel or timeout reached it keeps its result.
    const stopped = run.crash !== undefined;
    const failure =
      (stopped && context.signal.aborted ? { kind: 'cancelled' as const } : undefined) ??
      (stopped && timeout?.aborted === true
        ? { kind: 'timeout' as const, seconds: context.timeoutSeconds ?? 0 }
        : undefined) ??
      runFailure(run, diagnostics, context.memoryLimitBytes);
    if (failure?.kind === 'engine-crash') {
      // A trap or crash names no line: the module being rendered is the place to look.
      const crashed: Diagnostic = {
        severity: 'error',
        message: `${describeCall(job)} was being rendered when the engine stopped`,
        location: pointAt(job.declaredAt),
        fatal: true,
      };
      return {
        ...base,
        diagnostics: [crashed, ...diagnostics],
        status: 'failed',
        failure,
        outputs: [],
      };
    }
    if (failure !== undefined) return { ...base, status: statusOf(failure), failure, outputs: [] };

    const delivered: DeliveredOutput[] = [];
    for (const output of outputs) {
      if (binaryStl && output.format === 'stl') await writeBinaryStl(output.tempPath);
      const checked = await checkOutput(output.format, output.tempPath);
      if (checked.kind !== 'ok')
        return { ...base, status: 'failed', failure: checked, outputs: [] };
      const note = run.routes.find((route) => route.format === output.format)?.note;
      delivered.push({
        format: output.format,
        path: output.path,
        bytes: checked.bytes,
        summary: checked.summary,
        ...(checked.facts === undefined ? {} : { facts: checked.facts }),
        digest: checked.digest,
        ...(checked.geometryDigest === undefined ? {} : { geometryDigest: checked.geometryDigest }),
        ...(note === undefined ? {} : { note }),
      });
    }
    try {
      await replaceOutputsTogether(
        outputs.map(({ tempPath, path }) => ({ from: tempPath, to: path })),
      );
    } catch (error) {
      if (!(error instanceof OutputsNotReplaced)) throw error;
      return {
        ...base,
        status: 'failed',
        failure: { kind: 'io-error', message: error.message },
        outputs: [],
      };
    }
    for (const output of outputs) renamed.add(output);
    return { ...base, status: 'ok', outputs: delivered };
  } finally {
    await Promise.all([
      ...outputs
        .filter((output) => !renamed.has(output))
        .map((output) => removeFile(output.tempPath).catch(leftForLater)),
      removeScratchDir(scratchDir),
    ]);
  }
}

/**
 * A temporary output that cannot be removed (a folder made read-only meanwhile answers EROFS even
 * for a file that was never written) is left for the next run, which removes what a run left.
 */
function leftForLater(): void {}

/** Why one of the folders cannot take files, or undefined when they all can. */
async function unwritableFolder(folders: readonly string[]): Promise<string | undefined> {
  for (const folder of new Set(folders)) {
    try {
      await access(folder, constants.W_OK);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'an error';
      return `the output folder ${relativePath(process.cwd(), folder) || '.'} cannot be written (${code}: it is read-only or immutable): make it writable, or render into another folder with -o`;
    }
  }
  return undefined;
}

/**
 * The outputs with `echo` last: both OpenSCADs crash (2021.01 with SIGSEGV, the WASM build out of
 * bounds) when an `-o x.echo` comes before another `-o` of the same run, and render either order
 * alike otherwise.
 */
function echoLast<T extends { readonly format: string }>(outputs: readonly T[]): T[] {
  return [
    ...outputs.filter((output) => output.format !== 'echo'),
    ...outputs.filter((output) => output.format === 'echo'),
  ];
}

function statusOf(failure: FailureReason): 'failed' | 'cancelled' {
  return failure.kind === 'cancelled' ? 'cancelled' : 'failed';
}

/** What OpenSCAD's own summary says: geometry time, 2D or 3D, whether CGAL or Manifold built it. */
function renderFacts(
  run: EngineRun,
): Pick<PartResult, 'geometrySeconds' | 'dimension' | 'plainGeometry'> {
  const summary = summariseRender(run.console);
  return defined({
    geometrySeconds: summary.renderSeconds,
    dimension: summary.dimension,
    plainGeometry: summary.plainGeometry,
  });
}

function runFailure(
  run: EngineRun,
  diagnostics: readonly Diagnostic[],
  memoryLimitBytes: number,
): FailureReason | undefined {
  if (run.memoryExceededBytes !== undefined) {
    return {
      kind: 'memory-limit',
      limitBytes: memoryLimitBytes,
      usedBytes: run.memoryExceededBytes,
    };
  }
  if (run.crash !== undefined) return { kind: 'engine-crash', message: run.crash };
  const fatal = diagnostics.find((diagnostic) => diagnostic.fatal);
  if (fatal !== undefined) return { kind: 'openscad-error', diagnostic: fatal };
  if (run.exitCode !== 0) return { kind: 'exit-code', code: run.exitCode ?? -1 };
  const broken = run.routes.find((route) => route.error !== undefined);
  if (broken !== undefined) {
    return { kind: 'conversion-failed', format: broken.format, message: broken.error ?? '' };
  }
  return undefined;
}

type OutputCheck =
  | {
      readonly kind: 'ok';
      readonly bytes: number;
      readonly summary: string;
      readonly facts?: OutputFacts;
      readonly digest: string;
      readonly geometryDigest?: string;
    }
  | Extract<FailureReason, { kind: 'missing-output' | 'invalid-output' }>;

/**
 * Makes an STL binary where the engine could not be asked to write it so (a part that also
 * exports other formats). The file is still the render's temporary file: a failure here leaves
 * the user's output as it was.
 */
async function writeBinaryStl(path: string): Promise<void> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch {
    return; // Missing: the check that follows says so.
  }
  if (isBinaryStl(bytes)) return;
  try {
    await writeFile(path, asciiStlToBinary(bytes));
  } catch (error) {
    if (error instanceof UnreadableOutputError) return; // Invalid: the check says why.
    throw error;
  }
}

async function checkOutput(format: string, path: string): Promise<OutputCheck> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch {
    return { kind: 'missing-output', format };
  }
  // One read checks the file, measures its geometry and digests it: the facts come with the result.
  const check = inspectOutput(format, bytes, { digest: true });
  if (!check.ok) return { kind: 'invalid-output', format, message: check.reason };
  const { measure, geometryDigest: geometry } = check;
  return {
    kind: 'ok',
    bytes: bytes.byteLength,
    summary: check.summary,
    ...(measure.kind === 'none' ? {} : { facts: measure }),
    digest: digest(bytes),
    ...(geometry === undefined ? {} : { geometryDigest: geometry }),
  };
}

/** The module call a part renders (`lid()`), or its file when rendered whole. */
function describeCall(job: RenderJob): string {
  return job.module === undefined ? basename(job.scadFile) : `${job.module}()`;
}
