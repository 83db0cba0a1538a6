import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { isAbsolute, join, relative, sep } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Engine } from '../engines/engine.js';
import { libraryPrefix } from '../job/input-path.js';
import { renderPart } from '../run/render-part.js';
import { defined } from '../util/defined.js';
import type { BlobStore } from './blob-store.js';
import type { FleetJobData, FleetJobResult, FleetOutput } from './fleet-job.js';
import { materialiseInputs } from './materialise-inputs.js';
import { RefusedJobError, rebuildRenderJob, type JobScratch } from './rebuild-render-job.js';
import { makeFolder } from '../util/make-folder.js';

export interface ProcessFleetJobContext {
  readonly blobs: BlobStore;
  /** The worker's engines; the job names the one it needs by id, version and backend. */
  readonly engines: readonly Engine[];
  /** The folder every job's scratch folder is made in (and removed from). */
  readonly scratchDir: string;
  /** The worker's own OpenSCAD library folders. */
  readonly libraryPaths: readonly string[];
  /** Memory one render may take (the worker's budget). */
  readonly memoryLimitBytes: number;
  /** The worker's own limit, which a job's own timeout can only shorten. */
  readonly timeoutSeconds?: number | undefined;
  /** Aborting stops the render (a cancelled run, or a worker stopping at once). */
  readonly signal: AbortSignal;
}

/** The worker's label in results and in `parascad fleet`. */
export const workerLabel = `${hostname()}:${process.pid}`;

/**
 * Renders one queued part on a worker: rebuilds its program from the job's structured fields,
 * fetches its inputs by digest into a scratch folder of its own, renders with the engine the job
 * names, and stores the outputs as blobs. Answers a result in every case (a refused job, a
 * failed render); the scratch folder is removed afterwards.
 */
export async function processFleetJob(
  data: FleetJobData,
  context: ProcessFleetJobContext,
): Promise<FleetJobResult> {
  const started = performance.now();
  const refused = (message: string): FleetJobResult => ({
    status: 'failed',
    failure: { kind: 'io-error', message: `worker ${workerLabel} refused the part: ${message}` },
    outputs: [],
    diagnostics: [],
    seconds: (performance.now() - started) / 1000,
    console: '',
    worker: workerLabel,
  });
  // Queue data is untrusted: its declared type is only what a well-behaved producer sends.
  const version: unknown = data.v;
  if (version !== 1) return refused(`unknown job format ${String(version)}`);
  const wanted = data.work.engine;
  const engine = context.engines.find(
    (candidate) =>
      candidate.info.id === wanted.id &&
      candidate.info.version === wanted.version &&
      (candidate.info.backend === wanted.backend || candidate.info.id === 'wasm'),
  );
  if (engine === undefined) {
    return refused(`it has no ${wanted.id} OpenSCAD ${wanted.version} (${wanted.backend})`);
  }
  await makeFolder(context.scratchDir);
  const folder = await mkdtemp(join(context.scratchDir, 'job-'));
  const scratch: JobScratch = {
    root: join(folder, 'root'),
    library: join(folder, 'lib'),
    outputs: join(folder, 'out'),
  };
  try {
    let job;
    let inputFiles;
    try {
      job = rebuildRenderJob(data.work, scratch);
      inputFiles = await materialiseInputs(data.work, scratch, job.scadFile, {
        blobs: context.blobs,
        libraryPaths: context.libraryPaths,
        nativeLibraries: engine.info.id === 'native',
      });
    } catch (error) {
      if (error instanceof RefusedJobError) return refused(error.message);
      throw error;
    }
    const limits = [context.timeoutSeconds, data.work.timeoutSeconds].filter(
      (seconds): seconds is number => seconds !== undefined,
    );
    const result = await renderPart(job, {
      engine,
      signal: context.signal,
      inputFiles,
      libraryPaths: [scratch.library, ...context.libraryPaths],
      memoryLimitBytes: context.memoryLimitBytes,
      attempt: 1,
      ...(limits.length === 0 ? {} : { timeoutSeconds: Math.min(...limits) }),
    });
    const outputs: FleetOutput[] = [];
    for (const output of result.outputs) {
      const digest = await context.blobs.put(await readFile(output.path));
      outputs.push({
        format: output.format,
        digest,
        bytes: output.bytes,
        summary: output.summary,
        ...defined({ note: output.note }),
      });
    }
    return {
      status: result.status,
      ...defined({
        failure: result.failure,
        peakBytes: result.peakBytes,
        geometrySeconds: result.geometrySeconds,
        plainGeometry: result.plainGeometry,
        dimension: result.dimension,
      }),
      outputs,
      diagnostics: result.diagnostics.map((diagnostic) => portable(diagnostic, scratch)),
      seconds: result.seconds,
      console: result.console.split(scratch.root + sep).join(''),
      worker: workerLabel,
    };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** A diagnostic that names files as the job does (relative to the project root), not in scratch. */
function portable(diagnostic: Diagnostic, scratch: JobScratch): Diagnostic {
  const location = diagnostic.location;
  if (location === undefined) return diagnostic;
  const inRoot = relative(scratch.root, location.file);
  const inLibrary = relative(scratch.library, location.file);
  const file =
    !inRoot.startsWith('..') && !isAbsolute(inRoot)
      ? inRoot.split(sep).join('/')
      : !inLibrary.startsWith('..') && !isAbsolute(inLibrary)
        ? `${libraryPrefix}${inLibrary.split(sep).join('/')}`
        : location.file;
  return { ...diagnostic, location: { ...location, file } };
}
