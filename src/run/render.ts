import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { probeOpenScadOnce } from '../engines/native/probe-openscad-once.js';
import { storedProbe } from '../engines/native/stored-probe.js';
import { findLibraryPaths } from '../discovery/find-library-paths.js';
import type { Engine, EngineId } from '../engines/engine.js';
import { engineInfoOf } from '../engines/engine-info-of.js';
import { ConfigError, ParascadError } from '../errors.js';
import type { HistoryStore, HybridVerdict } from '../history/history-store.js';
import { judgeHybridResult } from '../engines/hybrid/judge-hybrid-result.js';
import { engineIdentity, type EngineIdentity } from '../job/engine-identity.js';
import type { Digest } from '../job/digest.js';
import { FileDigests } from '../job/file-digests.js';
import { buildPartJob, type PartJob } from '../job/part-job.js';
import { checkOutputs } from '../plan/check-outputs.js';
import type { RenderJob } from '../plan/render-job.js';
import { plannedThumbnails } from '../thumbnails/planned-thumbnails.js';
import { defined } from '../util/defined.js';
import { collectPartInputs, type PartInputs } from './collect-part-inputs.js';
import { createEngineFallbacks } from './engine-fallbacks.js';
import { finishRunCache } from './finish-run-cache.js';
import { lookUpCachedParts } from './look-up-cached-parts.js';
import {
  cacheLocation,
  openRunCache,
  type CacheLocation,
  type RunCache,
} from './open-run-cache.js';
import { readModifiedTimes } from './read-modified-times.js';
import { reviewPart } from './review-part.js';
import { stateFolderProblem } from './state-folder-problem.js';
import { stateFolderOf } from '../util/ensure-state-folder.js';
import type { ConfigProblem } from '../errors.js';
import { storeRendered } from './store-rendered.js';
import { createLocalPartRunner } from './local-part-runner.js';
import type { PartResult } from './part-result.js';
import { planRun, type RunPlan } from './plan-run.js';
import { planSchedule } from './plan-schedule.js';
import { removeStaleTempFiles } from './remove-stale-temp-files.js';
import type { RenderSession } from './render-session.js';
import { checkRenderOptions, type RenderOptions } from './render-options.js';
import { compareRun } from './compare-run.js';
import { resolveRunEngines, type RunEngines } from './resolve-run-engines.js';
import type { EnginePlan, RunEvent } from './run-event.js';
import { runParts } from './run-parts.js';
import type { FleetRun } from './start-fleet-run.js';
import { summarise, type RunSummary } from './run-summary.js';
import { cannotExport, startEngines } from './start-engines.js';
import { warmUpEngines } from './warm-up-engines.js';
import { removeStaleThumbnails } from './remove-stale-thumbnails.js';
import { writePartThumbnails } from './write-part-thumbnails.js';
import { makeFolder } from '../util/make-folder.js';
import { beforeAnyPart } from './abort-links.js';

export type { EnginePreference, RenderOptions } from './render-options.js';

/**
 * Renders every part of a project in parallel and returns the results. Failed parts are results,
 * not exceptions; a {@link ParascadError} is thrown only for problems found before rendering
 * (bad configuration, engine not found).
 */
export async function render(options: RenderOptions = {}): Promise<RunSummary> {
  checkRenderOptions(options);
  // A run the cache may answer entirely must start no engine: warming up (compiling the WASM
  // OpenSCAD, probing the native one) pays only when there is no cache to answer. A fleet
  // renders elsewhere: compiling the WASM engine here would be wasted.
  if (options.queue === undefined && !cacheMayAnswer(options)) warmUpEngines(options);
  const plan = await beforeAnyPart(
    planRun(options, resolve(options.cwd ?? process.cwd())),
    options.signal,
    options.stopSignal,
  );
  return renderPlan(plan, options);
}

/**
 * Renders parts planned elsewhere (by {@link planRun}, or built by a tool such as
 * `verify-engines`), with the run options' engines, workers, limits and signals. A run goes
 * through named phases: engines (find, probe, choose per part), schedule (estimates, workers,
 * memory), inputs (each part's self-contained job), then the parts on a runner. With a
 * `session` (`parascad watch`), the engines it holds are used and left running for the next run.
 */
export async function renderPlan(
  project: RunPlan,
  options: RenderOptions = {},
  session?: RenderSession,
): Promise<RunSummary> {
  checkRenderOptions(options);
  const startedAt = new Date().toISOString();
  const renderStarted = performance.now();
  const emit = options.onEvent ?? (() => undefined);
  const { jobs, history } = project;
  const baseline = baselineOf(options);
  if (jobs.length === 0) {
    throw new ParascadError(
      'NOTHING_TO_RENDER',
      'No part to render',
      'Check the part names given.',
    );
  }
  const thumbnails = options.thumbnails === true;
  if (thumbnails) {
    const clashes = checkOutputs(jobs, project.projectDir, { alsoWrites: plannedThumbnails });
    if (clashes.length > 0) throw new ConfigError(clashes);
  }
  if (project.outDir !== undefined) await prepareOutputFolder(project.outDir);
  const location = cacheLocation(project.projectDir, options, project.cache);
  // A read-only project says once what it cannot keep, rather than once per file it would keep.
  const stateFolder = stateFolderOf(project.projectDir, options);
  const stateProblem = await stateFolderProblem(stateFolder);
  // Until the first part starts, a stop (Ctrl-C, SIGTERM) ends the run at once: nothing runs yet.
  const before = <T>(work: Promise<T>): Promise<T> =>
    beforeAnyPart(work, options.signal, options.stopSignal);
  const engines = await before(
    resolveRunEngines(
      project,
      options,
      storedProbe(join(stateFolder, 'probes.json'), probeOpenScadOnce),
    ),
  );
  const libraryPaths = findLibraryPaths(
    defined({ env: options.env, openscadBinary: engines.native.binaryPath }),
  );
  // Source folders too: parascad once wrote its generated programs there. Beside the parts, not
  // before them: reading a crowded temporary folder (1,900 entries here) delayed the first part
  // by up to 40 ms in a traced run, and what dead processes left never clashes with this run's
  // names (they hold their process id). Awaited before the run ends.
  const staleRemoved = removeStaleTempFiles([
    tmpdir(),
    ...jobs.flatMap((job) => [
      dirname(job.scadFile),
      ...job.outputs.map((output) => dirname(output.path)),
    ]),
  ]);
  const inputs = await before(collectPartInputs(jobs, libraryPaths));
  session?.onInputs?.(inputs);
  const digests = new FileDigests();
  const workOf = partJobs(project.projectDir, libraryPaths, engines, inputs, digests, options);
  const runCache = await openRunCache(
    location,
    { root: project.projectDir, libraryPaths, digests },
    options,
  );
  const cached = await before(lookUpCachedParts(jobs, runCache, engines, workOf));
  const { misses } = cached;

  const missChoices = misses.map((job) => engines.choiceOf(job));
  const schedule = planSchedule({
    jobs: misses,
    engineOf: (job) => engines.choiceOf(job).engine,
    history,
    ratios: engines.ratios,
    requested: options.jobs,
    projectThreads: project.threads,
    native: missChoices.some((choice) => choice.engine === 'native')
      ? engines.native.native
      : undefined,
    maxMemoryBytes: options.maxMemoryBytes,
  });
  const fleet =
    misses.length === 0 ? undefined : await fleetOf(project, options, engines, libraryPaths);
  const started =
    fleet?.kind === 'fleet'
      ? new Map<EngineId, Engine>()
      : await startEngines(engines.native, missChoices, schedule.concurrency, session?.engines);
  const plan: EnginePlan = {
    ...defined({ native: started.get('native')?.info, wasm: started.get('wasm')?.info }),
    // Of the parts to render: a cached part's choice (a try announced, say) does not happen.
    explanation:
      misses.length === 0
        ? 'engine: none started: every part comes from the cache'
        : fleet?.kind === 'fleet'
          ? `${engines.explain(misses)}; rendering ${fleet.description}`
          : engines.explain(misses),
  };
  const concurrency = fleet?.kind === 'fleet' ? fleet.slots : schedule.concurrency;
  // Answered without a render: restored, or failed because their outputs cannot be written.
  const answered = jobs.filter((job) => cached.hits.has(job.id));
  const hits = answered.filter((job) => cached.hits.get(job.id)?.cached !== undefined);
  emit({
    type: 'run-start',
    jobs: [...answered, ...[...misses].sort((a, b) => schedule.priority(b) - schedule.priority(a))],
    order: jobs.map((job) => job.id),
    ...(hits.length === 0 ? {} : { cached: hits.length }),
    estimates: {
      ...Object.fromEntries(answered.map((job) => [job.id, { seconds: 0, basis: 'recorded' }])),
      ...Object.fromEntries(schedule.estimates),
    },
    concurrency,
    memoryBudgetBytes: schedule.memoryBudgetBytes,
    projectDir: project.projectDir,
    engines: plan,
    ...defined({ source: project.source }),
  });
  for (const problem of [
    ...project.warnings,
    ...engines.native.warnings,
    ...(stateProblem === undefined
      ? (runCache?.warnings ?? [])
      : [stateFolderWarning(stateFolder, stateProblem, runCache, location)]),
    ...cached.warnings,
  ]) {
    emit({ type: 'warning', problem });
  }
  if (fleet?.kind === 'fallback') {
    emit({ type: 'warning', problem: { message: `${fleet.reason}: rendering on this machine` } });
  }
  const strict = options.strict ?? project.strict ?? false;
  const plannedWarnings = warningsByPart(project.warnings);
  const review = (result: PartResult): PartResult =>
    reviewPart(result, { strict, plannedWarnings: plannedWarnings.get(result.job.id) ?? [] });
  // A cached part is reviewed like a rendered one: its mesh facts and replayed warnings count
  // under --strict, and an open mesh is said again.
  const hitResults = new Map([...cached.hits].map(([id, result]) => [id, review(result)]));
  const outputPaths = new Set(
    (project.allJobs ?? jobs).flatMap((job) => job.outputs.map((output) => output.path)),
  );
  const pictures = (result: PartResult): Promise<void> =>
    thumbnails ? writePartThumbnails(result, emit) : removeStaleThumbnails(result, outputPaths);
  for (const result of hitResults.values()) {
    await pictures(result);
    emit({ type: 'part-done', result });
  }
  const begun = performance.now();

  // A fleet's workers keep their renders in the fleet's own store; this machine stores its own.
  const storing = runCache?.write === true && fleet?.kind !== 'fleet' ? runCache : undefined;
  const store = storeRendered(storing, inputs, emit);
  const runner =
    fleet?.kind === 'fleet'
      ? fleet.runner
      : createLocalPartRunner({
          engines: started,
          native: engines.native.native,
          wasmThreads: schedule.concurrency,
          inputFiles: (scadFile) => inputs.get(scadFile)?.files ?? [scadFile],
          libraryPaths,
          memoryLimitBytes: schedule.memoryBudgetBytes,
          recordDependencies: storing !== undefined,
          keepEngines: session !== undefined,
          ...defined({ outDir: project.outDir, partSignal: session?.partSignal }),
        });
  let rendered: PartResult[];
  try {
    rendered = await runParts({
      jobs: misses,
      runner,
      // On a fleet every part is queued at once: the workers' slots and memory bound them.
      schedule:
        fleet?.kind === 'fleet'
          ? { ...schedule, concurrency: misses.length, memoryBudgetBytes: Number.MAX_SAFE_INTEGER }
          : schedule,
      choices: engines.choices,
      workOf,
      fallbacks: createEngineFallbacks({
        preferenceOf: engines.preferenceOf,
        canRender: (job, engine) =>
          cannotExport(
            engines.native,
            engine,
            job.outputs.map((output) => output.format),
          ) === undefined,
        choices: engines.choices,
        history,
      }),
      retries: options.retries ?? 0,
      failFast: options.failFast === true,
      review,
      signal: options.signal,
      stopSignal: options.stopSignal,
      emit,
      onRendered: async (result, work) => {
        const verdict = await recordTiming(history, result, () =>
          lastModified(inputs.get(result.job.scadFile)?.files ?? [result.job.scadFile]),
        );
        if (verdict?.agrees === false) {
          emit({
            type: 'warning',
            problem: {
              message: `${result.job.name}: the hybrid route's result differs from ${verdict.detail}; auto will not use it for this part until its file changes`,
              location: result.job.declaredAt,
            },
          });
        }
        await store.save(result, work);
        await pictures(result);
      },
    });
  } finally {
    await runner.close();
    await staleRemoved;
  }
  if (stateProblem === undefined) await saveHistory(history, emit);
  if (runCache !== undefined) {
    await finishRunCache(runCache, {
      project: project.projectDir,
      parts: jobs.length,
      hits: hits.length,
      rendered: rendered.filter((result) => result.status === 'ok').length,
      stored: store.stored(),
    });
  }
  const byId = new Map(rendered.map((result) => [result.job.id, result]));
  const results = jobs.flatMap((job) => {
    const result = hitResults.get(job.id) ?? byId.get(job.id);
    return result === undefined ? [] : [result];
  });
  // A run that renders nothing spends its time finding and restoring the cached outputs: that is
  // its wall time (0.12 s was said of a 5,000-part run that took 2.9 s).
  const wallSeconds =
    (performance.now() - (cached.misses.length === 0 ? renderStarted : begun)) / 1000;
  const compared = await compareRun({
    projectDir: project.projectDir,
    stateFolder,
    jobs: project.allJobs ?? jobs,
    results,
    startedAt,
    pickedByName: project.pickedByName === true,
    record: stateProblem === undefined,
    ...defined({
      baseline,
      outDir: project.outDir,
      blobPath:
        runCache === undefined
          ? undefined
          : (blob: string) => runCache.store.blobPath(blob as Digest),
    }),
  });
  for (const problem of compared.warnings) emit({ type: 'warning', problem });
  const summary: RunSummary = {
    ...summarise(results, wallSeconds, concurrency, runner.engines()),
    ...defined({ changes: compared.changes }),
  };
  emit({ type: 'run-done', summary });
  return summary;
}

/** The one warning of a run whose project folder cannot keep parascad's state. */
function stateFolderWarning(
  stateFolder: string,
  problem: string,
  runCache: RunCache | undefined,
  location: CacheLocation,
): ConfigProblem {
  const storeLost = runCache !== undefined && !runCache.write;
  const lost = [
    'render times',
    "this run's record (what changed, next time)",
    ...(storeLost ? ['the rendered parts (the cache is still read)'] : []),
  ];
  return {
    message: `${stateFolder} cannot be written (${problem}): ${lost.join(', ')} are not kept`,
    hint: storeLost
      ? 'Make the folder writable, or keep the cache elsewhere with --cache-dir or PARASCAD_CACHE_DIR.'
      : location.inProject
        ? "Make the folder writable, or keep parascad's state elsewhere with --state-dir or PARASCAD_STATE_DIR."
        : `The cache is kept in ${location.dir}; make the project folder writable, or keep render times and the record of each run elsewhere with --state-dir or PARASCAD_STATE_DIR.`,
  };
}

/** `--baseline` as an absolute folder, refused before anything renders when it is not one. */
function baselineOf(options: RenderOptions): string | undefined {
  if (options.baseline === undefined) return undefined;
  const folder = resolve(options.cwd ?? process.cwd(), options.baseline);
  if (!existsSync(folder)) {
    throw new ParascadError(
      'USAGE',
      `--baseline ${options.baseline}: no such folder (${folder})`,
      'Give a folder of earlier outputs, e.g. the outputs/ of a checkout of the last release.',
    );
  }
  return folder;
}

/**
 * Creates the output folder before anything starts, so that one that cannot exist (`-o /proc/x`,
 * a path through a file) is one clear error rather than a failure of every part.
 */
async function prepareOutputFolder(outDir: string): Promise<void> {
  try {
    await makeFolder(outDir);
  } catch (error) {
    throw new ParascadError(
      'USAGE',
      `cannot create the output folder ${outDir}: ${error instanceof Error ? error.message : String(error)}`,
      'give -o (--out-dir) a folder you can write to',
    );
  }
}

/** With `--queue`: the fleet the parts render on (or why they render here after all). */
async function fleetOf(
  project: RunPlan,
  options: RenderOptions,
  engines: RunEngines,
  libraryPaths: readonly string[],
): Promise<FleetRun | undefined> {
  if (options.queue === undefined) return undefined;
  const { startFleetRun } = await import('./start-fleet-run.js');
  const identities = new Map<string, EngineIdentity>();
  for (const job of project.jobs) {
    const id = engines.choiceOf(job).engine;
    const info = engineInfoOf(id, engines.native.native?.info);
    if (info === undefined) continue;
    const identity = engineIdentity(info, job.backend);
    identities.set(JSON.stringify(identity), identity);
  }
  return startFleetRun({
    url: options.queue,
    root: project.projectDir,
    libraryPaths,
    engines: [...identities.values()],
    stopSignal: options.stopSignal,
    localFallback: options.localFallback === true,
  });
}

/**
 * Whether a cache store that may hold this run's parts exists, checked before planning: the
 * config's `cache.dir` is not known yet, so the project's own store is looked for in cwd.
 */
function cacheMayAnswer(options: RenderOptions): boolean {
  if (options.cache === false || options.force === true) return false;
  const cwd = resolve(options.cwd ?? process.cwd());
  return existsSync(join(cacheLocation(cwd, options).dir, 'entries'));
}

/** The self-contained job of each part on each engine, built once. */
function partJobs(
  root: string,
  libraryPaths: readonly string[],
  engines: RunEngines,
  inputs: ReadonlyMap<string, PartInputs>,
  digests: FileDigests,
  options: RenderOptions,
): (job: RenderJob, engine: EngineId) => Promise<PartJob> {
  const built = new Map<string, Promise<PartJob>>();
  return (job, engine) => {
    const name = `${engine}\n${job.id}`;
    let work = built.get(name);
    if (work === undefined) {
      const info = engineInfoOf(engine, engines.native.native?.info);
      if (info === undefined) throw new Error(`engine ${engine} is not available`);
      const found = inputs.get(job.scadFile);
      work = buildPartJob(job, {
        root,
        libraryPaths,
        inputFiles: found?.files ?? [job.scadFile],
        absentFiles: found?.absent ?? [],
        engine: engineIdentity(info, job.backend),
        digests,
        timeoutSeconds: options.timeoutSeconds ?? job.timeoutSeconds,
        stl: options.stl ?? job.stl,
      });
      built.set(name, work);
    }
    return work;
  };
}

async function saveHistory(history: HistoryStore, emit: (event: RunEvent) => void): Promise<void> {
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
}

/**
 * Records a rendered part's time and the facts of its first measured output; a hybrid render is
 * also judged against the other routes' facts recorded since its files last changed (see
 * `judgeHybridResult`), and the verdict returned.
 */
async function recordTiming(
  history: HistoryStore,
  result: PartResult,
  lastChange: () => Promise<number | undefined>,
): Promise<HybridVerdict | undefined> {
  const at = new Date().toISOString();
  const facts = result.outputs.find((output) => output.facts !== undefined)?.facts;
  history.record(result.job.id, result.engine, {
    seconds: result.seconds,
    at,
    ...defined({
      geometrySeconds: result.geometrySeconds,
      plainGeometry: result.plainGeometry,
      peakBytes: result.peakBytes,
      dimension: result.dimension,
      facts,
    }),
  });
  if (result.engine !== 'hybrid' || facts === undefined) return undefined;
  const verdict = judgeHybridResult(history.get(result.job.id), facts, at, await lastChange());
  if (verdict !== undefined) history.recordHybridVerdict(result.job.id, verdict);
  return verdict;
}

/** The planning warnings about each part (see `ConfigProblem.parts`), by part id. */
function warningsByPart(warnings: readonly ConfigProblem[]): Map<string, ConfigProblem[]> {
  const byPart = new Map<string, ConfigProblem[]>();
  for (const warning of warnings) {
    for (const id of warning.parts ?? []) {
      const found = byPart.get(id);
      if (found === undefined) byPart.set(id, [warning]);
      else found.push(warning);
    }
  }
  return byPart;
}

/** When the latest of these files was last modified (ms since the epoch), if any can be read. */
async function lastModified(files: readonly string[]): Promise<number | undefined> {
  const times = [...(await readModifiedTimes(files)).values()];
  return times.length === 0 ? undefined : Math.max(...times);
}
