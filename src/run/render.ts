import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import { collectDependencies } from '../discovery/collect-dependencies.js';
import { discoverProject } from '../discovery/discover-project.js';
import { filesForDynamicImports } from '../discovery/files-for-dynamic-imports.js';
import { findLibraryPaths } from '../discovery/find-library-paths.js';
import { chooseEngine, type EngineChoice } from '../engines/choose-engine.js';
import type { Engine, EngineId } from '../engines/engine.js';
import { createNativeEngine } from '../engines/native/native-engine.js';
import { resolveNative, type NativeResolution } from '../engines/resolve-native.js';
import { explainEngineChoice } from '../engines/explain-engine-choice.js';
import { createWasmEngine } from '../engines/wasm/wasm-engine.js';
import { ParascadError } from '../errors.js';
import { HistoryStore } from '../history/history-store.js';
import { planJobs } from '../plan/plan-jobs.js';
import type { RenderJob } from '../plan/render-job.js';
import { runQueue } from '../schedule/run-queue.js';
import { defined } from '../util/defined.js';
import type { PartResult } from './part-result.js';
import { removeStaleTempFiles } from './remove-stale-temp-files.js';
import { renderPart } from './render-part.js';
import type { EnginePlan, RunEvent } from './run-event.js';
import { summarise, type RunSummary } from './run-summary.js';

/** Which engine renders: one of them for every part, or `auto` to choose per part. */
export type EnginePreference = 'native' | 'wasm' | 'auto';

export interface RenderOptions {
  /** Folder a relative `file`/`config` and the default project files are looked up in. @default process.cwd() */
  readonly cwd?: string | undefined;
  /** A scad file, a `render_config.yml`, or a folder holding either. @default `project.scad` or `render_config.yml` in cwd */
  readonly file?: string | undefined;
  /** A `render_config.yml` to use. */
  readonly config?: string | undefined;
  /** Parts rendered at once. @default the project's thread count, else the number of CPUs */
  readonly jobs?: number | undefined;
  /** @default 'auto' */
  readonly engine?: EnginePreference | undefined;
  /** The native openscad binary. @default `OPENSCAD`, the config's `openscad_path`, PATH, usual install folders */
  readonly openscad?: string | undefined;
  /** Where outputs go (relative to cwd). @default `outputs` beside the project's scad or config file */
  readonly outDir?: string | undefined;
  /** Seconds after which a part is stopped and counted as failed. @default no limit */
  readonly timeoutSeconds?: number | undefined;
  /** Aborting cancels the run: running parts are stopped at once, waiting ones never start. */
  readonly signal?: AbortSignal | undefined;
  /** Receives every event of the run as it happens. */
  readonly onEvent?: ((event: RunEvent) => void) | undefined;
  /** @default process.env */
  readonly env?: NodeJS.ProcessEnv | undefined;
}

/**
 * Renders every part of a project in parallel and returns the results. Failed parts are results,
 * not exceptions; a {@link ParascadError} is thrown only for problems found before rendering
 * (bad configuration, engine not found).
 */
export async function render(options: RenderOptions = {}): Promise<RunSummary> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const emit = options.onEvent ?? (() => undefined);
  const signal = options.signal ?? new AbortController().signal;
  const preference = options.engine ?? 'auto';
  if (options.jobs !== undefined && (!Number.isInteger(options.jobs) || options.jobs < 1)) {
    throw new ParascadError('USAGE', `jobs must be a positive whole number, got ${options.jobs}`);
  }

  const project = await discoverProject({
    cwd,
    ...defined({ file: options.file, config: options.config }),
  });
  const projectDir = dirname(project.configFile ?? project.scadFile);
  const outDir =
    options.outDir === undefined ? resolve(projectDir, 'outputs') : resolve(cwd, options.outDir);
  const jobs = planJobs(project, { outDir, projectDir });

  const nativeResolution = await resolveNative({
    preference,
    explicitPath: options.openscad,
    configPath: project.openscadPath,
    configFile: project.configFile,
    env: options.env,
  });
  const history = await HistoryStore.load(HistoryStore.fileFor(projectDir));
  const choices = new Map(
    jobs.map((job) => [job.id, choose(preference, nativeResolution, history.get(job.id))]),
  );
  const concurrency = Math.min(
    options.jobs ?? project.threads ?? availableParallelism(),
    jobs.length,
  );
  const engines = await startEngines(nativeResolution, choices, concurrency);
  const libraryPaths = findLibraryPaths(
    defined({ env: options.env, openscadBinary: nativeResolution.binaryPath }),
  );
  const plan: EnginePlan = {
    ...defined({ native: engines.get('native')?.info, wasm: engines.get('wasm')?.info }),
    explanation: explainEngineChoice({
      preference,
      native: nativeResolution.native?.info,
      nativeUnavailable: nativeResolution.unavailable,
      choices: [...choices.values()],
    }),
  };

  emit({ type: 'run-start', jobs, concurrency, engines: plan });
  for (const problem of [...project.warnings, ...nativeResolution.warnings])
    emit({ type: 'warning', problem });

  const started = performance.now();
  let results: PartResult[];
  try {
    await removeStaleTempFiles([outDir, dirname(project.scadFile)]);
    const inputFiles = engines.has('wasm')
      ? await inputFilesOf(project.scadFile, libraryPaths)
      : [project.scadFile];
    const finished = (result: PartResult): PartResult => {
      emit({ type: 'part-done', result });
      return result;
    };
    results = await runQueue(jobs, {
      concurrency,
      signal,
      priority: (job) => expectedSeconds(history, job, choiceOf(choices, job).engine),
      skip: (job) => finished(notRun(job, choiceOf(choices, job).engine, { kind: 'cancelled' })),
      fail: (job, error) =>
        finished(
          notRun(job, choiceOf(choices, job).engine, {
            kind: 'io-error',
            message: error instanceof Error ? error.message : String(error),
          }),
        ),
      run: async (job) => {
        const choice = choiceOf(choices, job);
        emit({ type: 'part-start', job, engine: choice.engine, reason: choice.reason });
        const engine = engines.get(choice.engine);
        if (engine === undefined) throw new Error(`engine ${choice.engine} was not started`);
        const result = await renderPart(job, {
          engine,
          signal,
          inputFiles,
          libraryPaths,
          ...defined({ timeoutSeconds: options.timeoutSeconds }),
        });
        if (result.status === 'ok') {
          history.record(job.id, result.engine, {
            seconds: result.seconds,
            at: new Date().toISOString(),
            ...defined({ geometrySeconds: result.geometrySeconds }),
          });
        }
        return finished(result);
      },
    });
  } finally {
    await Promise.all([...engines.values()].map((engine) => engine.close()));
  }
  try {
    await history.save();
  } catch (error) {
    // The renders are done and their files written; losing the timings only costs ordering.
    emit({
      type: 'warning',
      problem: {
        message: `could not save render times to ${history.file}: ${error instanceof Error ? error.message : String(error)}`,
      },
    });
  }
  const summary = summarise(
    results,
    (performance.now() - started) / 1000,
    concurrency,
    [...engines.values()].map((engine) => engine.info),
  );
  emit({ type: 'run-done', summary });
  return summary;
}

/** What the WASM engine must be given: the file's closure, and what its computed imports may name. */
async function inputFilesOf(scadFile: string, libraryPaths: readonly string[]): Promise<string[]> {
  const closure = await collectDependencies(scadFile, { libraryPaths });
  return [...new Set([...closure.files, ...(await filesForDynamicImports(closure, scadFile))])];
}

function choose(
  preference: EnginePreference,
  resolution: NativeResolution,
  history: Parameters<typeof chooseEngine>[1],
): EngineChoice {
  switch (preference) {
    case 'native':
      return { engine: 'native', reason: '--engine native' };
    case 'wasm':
      return { engine: 'wasm', reason: '--engine wasm' };
    case 'auto':
      return chooseEngine(resolution.native?.info, history);
  }
}

function choiceOf(choices: ReadonlyMap<string, EngineChoice>, job: RenderJob): EngineChoice {
  const choice = choices.get(job.id);
  if (choice === undefined) throw new Error(`no engine chosen for ${job.id}`);
  return choice;
}

/** Starts only the engines some part will use; the WASM pool gets no more threads than it has parts. */
async function startEngines(
  resolution: NativeResolution,
  choices: ReadonlyMap<string, EngineChoice>,
  concurrency: number,
): Promise<Map<EngineId, Engine>> {
  const engines = new Map<EngineId, Engine>();
  const counts = countByEngine(choices);
  if (counts.native > 0 && resolution.native !== undefined) {
    engines.set(
      'native',
      createNativeEngine(resolution.native.binary, resolution.native.capabilities),
    );
  }
  if (counts.wasm > 0) {
    engines.set('wasm', await createWasmEngine({ threads: Math.min(concurrency, counts.wasm) }));
  }
  return engines;
}

function countByEngine(choices: ReadonlyMap<string, EngineChoice>): Record<EngineId, number> {
  const counts: Record<EngineId, number> = { native: 0, wasm: 0 };
  for (const choice of choices.values()) counts[choice.engine]++;
  return counts;
}

function expectedSeconds(history: HistoryStore, job: RenderJob, engine: EngineId): number {
  // Parts never measured start first: they may be the long ones.
  return history.get(job.id)?.[engine]?.seconds ?? Number.MAX_SAFE_INTEGER;
}

function notRun(
  job: RenderJob,
  engine: EngineId,
  failure: PartResult['failure'] & object,
): PartResult {
  return {
    job,
    engine,
    status: failure.kind === 'cancelled' ? 'cancelled' : 'failed',
    failure,
    outputs: [],
    diagnostics: [],
    seconds: 0,
    console: '',
  };
}
