import { readFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { parseOpenScadOutput } from '../diagnostics/parse-openscad-output.js';
import { HistoryStore } from '../history/history-store.js';
import { validateOutput } from '../outputs/validate-output.js';
import { partId } from '../plan/part-id.js';
import type { RenderJob } from '../plan/render-job.js';
import type { PartResult } from '../run/part-result.js';
import { renderPlan } from '../run/render.js';
import { runPool } from '../schedule/run-pool.js';
import { describeFailure } from '../report/describe-failure.js';
import { compareMeasures } from './compare-measures.js';
import { measureOutput, type OutputMeasure } from '../formats/measure-output.js';
import { runPlainOpenScad } from './run-plain-openscad.js';
import { makeFolder } from '../util/make-folder.js';

export type VerifiedEngine = 'native' | 'wasm';

/** How one renderer did on one file. */
export interface RenderOutcome {
  readonly status: 'ok' | 'failed';
  readonly seconds: number;
  /** Why it failed. */
  readonly reason?: string;
  readonly measure?: OutputMeasure;
}

/** How a parascad engine did, judged against plain openscad. */
export interface EngineOutcome extends RenderOutcome {
  /** Whether its output agrees with plain openscad's; undefined when either failed. */
  readonly agrees?: boolean;
  /** The comparison, e.g. `volume 1000.00 vs 999.20 (-0.08%)`, or `identical bytes`. */
  readonly detail?: string;
}

/** One corpus file's line of the report. */
export interface FileVerdict {
  readonly file: string;
  /** `stl` for 3D models, `svg` for 2D ones (what plain openscad could export). */
  readonly format: 'stl' | 'svg';
  readonly plain: RenderOutcome;
  readonly engines: Partial<Record<VerifiedEngine, EngineOutcome>>;
}

export interface VerifyEnginesOptions {
  /** Scad files, absolute. */
  readonly files: readonly string[];
  /** The folder paths are shown relative to. */
  readonly cwd: string;
  /** The native binary: the plain baseline, and parascad's native engine. */
  readonly openscad: string;
  readonly engines: readonly VerifiedEngine[];
  readonly jobs: number;
  readonly timeoutSeconds: number;
  /** An empty folder for the outputs. */
  readonly workDir: string;
  readonly signal: AbortSignal;
  /** Told what stage the verification is in. */
  readonly onProgress?: (message: string) => void;
}

/**
 * Renders every file whole with plain `openscad`, then with parascad on each engine, and judges
 * parascad's outputs against plain openscad's: the same bytes or the same measure (volume within
 * 0.1% and the same bounds for 3D, the same bounds for 2D).
 */
export async function verifyEngines(options: VerifyEnginesOptions): Promise<FileVerdict[]> {
  const plainFolder = join(options.workDir, 'plain');
  await makeFolder(plainFolder);
  options.onProgress?.(`plain openscad: ${fileCount(options.files.length)}`);
  const plain = await runPool(
    options.files.map((file, index) => ({ file, index })),
    {
      concurrency: options.jobs,
      memoryBudgetBytes: Number.POSITIVE_INFINITY,
      stop: options.signal,
      priority: () => 0,
      memory: () => 0,
      shouldRetry: () => false,
      run: ({ file, index }) => renderPlain(options, file, join(plainFolder, String(index))),
      skip: () => ({ format: 'stl' as const, outcome: failed('cancelled') }),
      fail: (_item, error) => ({ format: 'stl' as const, outcome: failed(String(error)) }),
    },
  );

  const baseline = options.files.map((file, index) => ({
    file,
    format: plain[index]?.format ?? ('stl' as const),
    plain: plain[index]?.outcome ?? failed('not run'),
  }));
  const outcomes = baseline.map((): Partial<Record<VerifiedEngine, EngineOutcome>> => ({}));
  for (const engine of options.engines) {
    options.onProgress?.(`parascad --engine ${engine}: ${fileCount(options.files.length)}`);
    const results = await renderWithParascad(options, baseline, engine);
    for (const [index, file] of baseline.entries()) {
      const result = results[index];
      const outcome = outcomes[index];
      if (result === undefined || outcome === undefined) continue;
      outcome[engine] = await judge(file, result, join(plainFolder, `${index}.${file.format}`));
    }
  }
  const verdicts = baseline.map((file, index): FileVerdict => ({
    ...file,
    engines: outcomes[index] ?? {},
  }));
  return verdicts;
}

async function renderPlain(
  options: VerifyEnginesOptions,
  file: string,
  outputBase: string,
): Promise<{ format: 'stl' | 'svg'; outcome: RenderOutcome }> {
  let format: 'stl' | 'svg' = 'stl';
  let outcome = await plainOutcome(options, file, `${outputBase}.stl`);
  if (outcome.status === 'failed' && outcome.reason === 'not-3d') {
    format = 'svg';
    outcome = await plainOutcome(options, file, `${outputBase}.svg`);
  }
  return { format, outcome };
}

async function plainOutcome(
  options: VerifyEnginesOptions,
  file: string,
  output: string,
): Promise<RenderOutcome> {
  const run = await runPlainOpenScad(options.openscad, file, output, {
    timeoutSeconds: options.timeoutSeconds,
    signal: options.signal,
  });
  if (run.timedOut) return failed(`timed out after ${options.timeoutSeconds}s`, run.seconds);
  const diagnostics = parseOpenScadOutput(run.console, { baseDir: dirname(file) });
  if (diagnostics.some((diagnostic) => diagnostic.code === 'not-3d'))
    return failed('not-3d', run.seconds);
  const bytes = await readFile(output).catch(() => undefined);
  const format = output.slice(output.lastIndexOf('.') + 1);
  if (run.exitCode !== 0 || bytes === undefined || !validateOutput(format, bytes).ok) {
    const fatal = diagnostics.find((diagnostic) => diagnostic.fatal)?.message;
    return failed(fatal ?? `exit code ${run.exitCode ?? 'none'}`, run.seconds);
  }
  return { status: 'ok', seconds: run.seconds, measure: measureOutput(format, bytes) };
}

async function renderWithParascad(
  options: VerifyEnginesOptions,
  verdicts: readonly Omit<FileVerdict, 'engines'>[],
  engine: VerifiedEngine,
): Promise<PartResult[]> {
  const folder = join(options.workDir, engine);
  const jobs = verdicts.map((verdict, index): RenderJob => {
    const part = { scadFile: verdict.file, mode: 'include' as const, variables: {}, quality: {} };
    const at = { file: verdict.file, line: 1 };
    return {
      ...part,
      id: partId(options.cwd, part),
      name: relative(options.cwd, verdict.file) || verdict.file,
      declaredAt: at,
      requestedAt: at,
      outputs: [{ format: verdict.format, path: join(folder, `${index}.${verdict.format}`) }],
    };
  });
  const history = await HistoryStore.load(join(folder, 'history.json'));
  const summary = await renderPlan(
    { projectDir: options.cwd, jobs, warnings: [], history },
    {
      engine,
      openscad: options.openscad,
      jobs: options.jobs,
      timeoutSeconds: options.timeoutSeconds,
      signal: options.signal,
      // Every file is rendered for real: the comparison is the point, and the folder is temporary.
      cache: false,
      // Its state too (the run record, the probe's answers): these renders into a temporary folder
      // are not the project's last run, which its next `render` says what changed against.
      stateDir: folder,
    },
  );
  return [...summary.results];
}

async function judge(
  verdict: Omit<FileVerdict, 'engines'>,
  result: PartResult,
  plainOutput: string,
): Promise<EngineOutcome> {
  if (result.status !== 'ok' || result.outputs[0] === undefined) {
    return failed(
      result.failure === undefined ? result.status : describeFailure(result.failure),
      result.seconds,
    );
  }
  const bytes = await readFile(result.outputs[0].path);
  const measure = measureOutput(verdict.format, bytes);
  const base = { status: 'ok' as const, seconds: result.seconds, measure };
  if (verdict.plain.status !== 'ok' || verdict.plain.measure === undefined) return base;
  const reference = await readFile(plainOutput).catch(() => undefined);
  if (reference !== undefined && Buffer.compare(reference, bytes) === 0) {
    return { ...base, agrees: true, detail: 'identical bytes' };
  }
  const comparison = compareMeasures(verdict.plain.measure, measure);
  return { ...base, agrees: comparison.agree, detail: comparison.detail };
}

function failed(reason: string, seconds = 0): RenderOutcome {
  return { status: 'failed', seconds, reason };
}

function fileCount(count: number): string {
  return `${count} file${count === 1 ? '' : 's'}`;
}
