import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import { collectDependencies } from '../discovery/collect-dependencies.js';
import { filesForDynamicImports } from '../discovery/files-for-dynamic-imports.js';
import { findLibraryPaths } from '../discovery/find-library-paths.js';
import type { EngineChoice } from '../engines/choose-engine.js';
import type { Engine, EngineId } from '../engines/engine.js';
import { createNativeEngine } from '../engines/native/native-engine.js';
import { explainEngineChoice } from '../engines/explain-engine-choice.js';
import { resolveNative } from '../engines/resolve-native.js';
import type { HistoryStore } from '../history/history-store.js';
import type { RenderJob } from '../plan/render-job.js';
import { estimateParts, unknownPeakBytes } from '../schedule/estimate-parts.js';
import { defaultMemoryBudget } from '../schedule/memory-budget.js';
import { resolveConcurrency } from '../schedule/resolve-concurrency.js';
import { runPool } from '../schedule/run-pool.js';
import { defined } from '../util/defined.js';
import type { FailureReason, PartResult } from './part-result.js';
import { removeStaleTempFiles } from './remove-stale-temp-files.js';
import { ParascadError } from '../errors.js';
import { planRun, type RunPlan } from './plan-run.js';
import { checkRenderOptions, type EnginePreference, type RenderOptions } from './render-options.js';
import { renderPart } from './render-part.js';
import type { EnginePlan, PartEstimate } from './run-event.js';
import { summarise, type RunSummary } from './run-summary.js';
import { choosePartEngine, startEngines } from './start-engines.js';

export type { EnginePreference, RenderOptions } from './render-options.js';

/**
 * Renders every part of a project in parallel and returns the results. Failed parts are results,
 * not exceptions; a {@link ParascadError} is thrown only for problems found before rendering
 * (bad configuration, engine not found).
 */
export async function render(options: RenderOptions = {}): Promise<RunSummary> {
  checkRenderOptions(options);
  return renderPlan(await planRun(options, resolve(options.cwd ?? process.cwd())), options);
}

/**
 * Renders parts planned elsewhere (by {@link planRun}, or built by a tool such as
 * `verify-engines`), with the run options' engines, workers, limits and signals.
 */
export async function renderPlan(
  project: RunPlan,
  options: RenderOptions = {},
): Promise<RunSummary> {
  checkRenderOptions(options);
  const emit = options.onEvent ?? (() => undefined);
  const { jobs, history } = project;
  if (jobs.length === 0) {
    throw new ParascadError(
      'NOTHING_TO_RENDER',
      'No part to render',
      'Check the part names given.',
    );
  }
  const preferenceOf = (job: RenderJob): EnginePreference => options.engine ?? job.engine ?? 'auto';

  const nativeResolution = await resolveNative({
    preference: jobs.some((job) => preferenceOf(job) === 'native')
      ? 'native'
      : jobs.every((job) => preferenceOf(job) === 'wasm')
        ? 'wasm'
        : 'auto',
    explicitPath: options.openscad,
    configPath: project.openscadPath,
    configFile: project.configFile,
    env: options.env,
  });
  const choices = new Map(
    jobs.map((job) => [
      job.id,
      choosePartEngine(
        preferenceOf(job),
        nativeResolution,
        history.get(job.id),
        job.outputs.map((output) => output.format),
      ),
    ]),
  );
  const choiceOf = (job: RenderJob): EngineChoice => {
    const choice = choices.get(job.id);
    if (choice === undefined) throw new Error(`no engine chosen for ${job.id}`);
    return choice;
  };
  const estimates = estimateParts(jobs, (job) => choiceOf(job).engine, history);
  const estimateOf = (job: RenderJob): PartEstimate =>
    estimates.get(job.id) ?? { seconds: 0, known: false };
  const concurrency = resolveConcurrency({
    requested: options.jobs,
    project: project.threads,
    cpus: availableParallelism(),
    parts: jobs.length,
    native: [...choices.values()].some((choice) => choice.engine === 'native')
      ? nativeResolution.native?.info
      : undefined,
  });
  const memoryBudgetBytes = options.maxMemoryBytes ?? defaultMemoryBudget();
  // Parts never measured start first: they may be the long ones.
  const priority = (job: RenderJob): number => {
    const estimate = estimateOf(job);
    return estimate.known ? estimate.seconds : Number.MAX_SAFE_INTEGER;
  };

  const engines = await startEngines(nativeResolution, [...choices.values()], concurrency);
  const libraryPaths = findLibraryPaths(
    defined({ env: options.env, openscadBinary: nativeResolution.binaryPath }),
  );
  const plan: EnginePlan = {
    ...defined({ native: engines.get('native')?.info, wasm: engines.get('wasm')?.info }),
    explanation: explainEngineChoice({
      preference: commonPreference(jobs.map(preferenceOf)),
      native: nativeResolution.native?.info,
      nativeUnavailable: nativeResolution.unavailable,
      choices: [...choices.values()],
    }),
  };

  emit({
    type: 'run-start',
    jobs: [...jobs].sort((a, b) => priority(b) - priority(a)),
    estimates: Object.fromEntries(estimates),
    concurrency,
    memoryBudgetBytes,
    engines: plan,
    ...defined({ source: project.source }),
  });
  for (const problem of [...project.warnings, ...nativeResolution.warnings]) {
    emit({ type: 'warning', problem });
  }

  // `kill` stops running parts; `stop` only keeps new ones from starting.
  const kill = linkedController(options.signal);
  const stop = new AbortController();
  let running = 0;
  const stopping = (reason: 'interrupted' | 'fail-fast'): void => {
    if (stop.signal.aborted) return;
    emit({ type: 'stopping', reason, running });
    stop.abort();
  };
  whenAborted(options.stopSignal, () => {
    stopping('interrupted');
  });
  whenAborted(kill.signal, () => {
    stop.abort();
  });

  const started = performance.now();
  let results: PartResult[];
  try {
    await removeStaleTempFiles(
      jobs.flatMap((job) => [
        dirname(job.scadFile),
        ...job.outputs.map((output) => dirname(output.path)),
      ]),
    );
    const inputFiles = await inputFilesByScadFile(
      jobs.filter((job) => choiceOf(job).engine === 'wasm'),
      libraryPaths,
    );
    const retryable = (result: PartResult): boolean =>
      result.failure?.kind === 'engine-crash' || result.failure?.kind === 'timeout';
    // Under `auto`, a part that crashes the WASM engine (a trap: its smaller stack ends deep
    // recursion that native OpenSCAD renders) is rendered again, once, on the native engine.
    const fallsBackToNative = (result: PartResult): boolean =>
      result.engine === 'wasm' &&
      result.failure?.kind === 'engine-crash' &&
      preferenceOf(result.job) === 'auto' &&
      nativeResolution.native !== undefined;
    const engineFor = (id: EngineId): Engine => {
      const started = engines.get(id);
      if (started !== undefined) return started;
      const native = nativeResolution.native;
      if (id !== 'native' || native === undefined) throw new Error(`engine ${id} was not started`);
      const engine = createNativeEngine(native.binary, native.capabilities);
      engines.set(id, engine);
      return engine;
    };
    results = await runPool(jobs, {
      concurrency,
      memoryBudgetBytes,
      stop: stop.signal,
      priority,
      memory: (job) => estimateOf(job).peakBytes ?? unknownPeakBytes,
      skip: (job) => notRun(job, choiceOf(job).engine, { kind: 'cancelled' }),
      fail: (job, error) =>
        notRun(job, choiceOf(job).engine, {
          kind: 'io-error',
          message: error instanceof Error ? error.message : String(error),
        }),
      shouldRetry: (result, attempt) =>
        (attempt <= (options.retries ?? 0) && retryable(result)) || fallsBackToNative(result),
      onRetry: (job, result, attempt) => {
        const fallback = fallsBackToNative(result);
        if (fallback)
          choices.set(job.id, { engine: 'native', reason: 'the WASM engine crashed on it' });
        if (result.failure !== undefined) {
          emit({
            type: 'part-retry',
            job,
            attempt,
            failure: result.failure,
            ...(fallback ? { nextEngine: 'native' as const } : {}),
          });
        }
      },
      onResult: (_job, result) => {
        emit({ type: 'part-done', result });
        if (result.status === 'failed' && options.failFast === true) {
          stopping('fail-fast');
          kill.abort();
        }
      },
      run: async (job, attempt) => {
        const choice = choiceOf(job);
        const engine = engineFor(choice.engine);
        running++;
        emit({
          type: 'part-start',
          job,
          engine: choice.engine,
          reason: choice.reason,
          attempt,
          expected: estimateOf(job),
        });
        try {
          const result = await renderPart(job, {
            engine,
            signal: kill.signal,
            inputFiles: inputFiles.get(job.scadFile) ?? [job.scadFile],
            libraryPaths,
            memoryLimitBytes: memoryBudgetBytes,
            attempt,
            ...defined({ timeoutSeconds: options.timeoutSeconds ?? job.timeoutSeconds }),
          });
          if (result.status === 'ok') recordTiming(history, result);
          return result;
        } finally {
          running--;
        }
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

/**
 * What the WASM engine must be given for each scad file: its closure, and what its computed
 * imports may name. Worked out once per file, not once per part.
 */
async function inputFilesByScadFile(
  jobs: readonly RenderJob[],
  libraryPaths: readonly string[],
): Promise<Map<string, string[]>> {
  const files = new Map<string, string[]>();
  for (const scadFile of new Set(jobs.map((job) => job.scadFile))) {
    const closure = await collectDependencies(scadFile, { libraryPaths });
    const dynamic = await filesForDynamicImports(closure, scadFile);
    files.set(scadFile, [...new Set([...closure.files, ...dynamic])]);
  }
  return files;
}

/** The preference all parts share, or `auto` when they differ, for the engine line. */
function commonPreference(preferences: readonly EnginePreference[]): EnginePreference {
  const [first] = preferences;
  return first !== undefined && preferences.every((preference) => preference === first)
    ? first
    : 'auto';
}

function recordTiming(history: HistoryStore, result: PartResult): void {
  history.record(result.job.id, result.engine, {
    seconds: result.seconds,
    at: new Date().toISOString(),
    ...defined({
      geometrySeconds: result.geometrySeconds,
      peakBytes: result.peakBytes,
      dimension: result.dimension,
    }),
  });
}

/** An abort controller that also aborts when the given signal does. */
function linkedController(signal: AbortSignal | undefined): AbortController {
  const controller = new AbortController();
  whenAborted(signal, () => {
    controller.abort();
  });
  return controller;
}

/** Runs `then` when the signal aborts, or now if it already has. */
function whenAborted(signal: AbortSignal | undefined, then: () => void): void {
  if (signal === undefined) return;
  if (signal.aborted) then();
  else signal.addEventListener('abort', then, { once: true });
}

function notRun(job: RenderJob, engine: EngineId, failure: FailureReason): PartResult {
  return {
    job,
    engine,
    status: failure.kind === 'cancelled' ? 'cancelled' : 'failed',
    failure,
    outputs: [],
    diagnostics: [],
    seconds: 0,
    attempts: 0,
    console: '',
  };
}
