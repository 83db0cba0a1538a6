import type { Diagnostic, SourceLocation } from '../../diagnostics/diagnostic.js';
import type { EngineInfo } from '../../engines/engine.js';
import type { PartChange } from '../../changes/run-changes-schema.js';
import type { ConfigProblem } from '../../errors.js';
import { FileDigests } from '../../job/file-digests.js';
import type { RenderJob } from '../../plan/render-job.js';
import type { DeliveredOutput, FailureReason, PartResult } from '../../run/part-result.js';
import type { RunEvent } from '../../run/run-event.js';
import type { RunSummary } from '../../run/run-summary.js';
import { defined } from '../../util/defined.js';
import { relativePath } from '../../util/relative-path.js';
import { unreachable } from '../../util/unreachable.js';
import { describeFailure } from '../describe-failure.js';
import type {
  ReportDiagnostic,
  ReportEngine,
  ReportFailure,
  ReportOptions,
  ReportOutput,
  ReportPart,
  ReportProblem,
  RunReport,
} from './run-report.js';

/** Everything a run said, and what the command knows around it: a report is built from this. */
export interface CollectedRun {
  readonly version: string;
  readonly cwd: string;
  readonly startedAt: Date;
  readonly endedAt: Date;
  readonly options: ReportOptions;
  /** The `run-start` event, unless the run stopped before it. */
  readonly start?: Extract<RunEvent, { type: 'run-start' }>;
  /** Each `part-done` result, in the order they came. */
  readonly results: readonly PartResult[];
  readonly warnings: readonly ConfigProblem[];
  /** The `run-done` summary, unless the run ended without one. */
  readonly summary?: RunSummary;
  /**
   * The setup error that ended the run before anything rendered, with each problem of a
   * configuration error (empty for other errors).
   */
  readonly error?: {
    readonly code: string;
    readonly message: string;
    readonly hint?: string;
    readonly problems: readonly ConfigProblem[];
  };
  /** Whether the user interrupted the run. */
  readonly interrupted: boolean;
}

/**
 * The run report of a collected run. Outputs the run did not digest already are read for their
 * SHA-256 digests; a part that never finished (a hard cancel) is reported cancelled.
 */
export async function buildRunReport(run: CollectedRun): Promise<RunReport> {
  const projectDir = run.start?.projectDir ?? run.cwd;
  const started: readonly EngineInfo[] =
    run.summary?.engines ?? [run.start?.engines.native, run.start?.engines.wasm].flatMap(present);
  const byId = new Map<string, PartResult>();
  for (const result of run.summary?.results ?? run.results) byId.set(result.job.id, result);
  const engines = [...started, ...onlyCached(started, [...byId.values()])];
  const jobs = inPlanOrder(run.start) ?? [...byId.values()].map((result) => result.job);
  const digests = new FileDigests();
  const parts = await Promise.all(
    jobs.map(async (job) => {
      const result = byId.get(job.id);
      return result === undefined
        ? notFinished(job, projectDir)
        : withChanges(
            await reportPart(result, projectDir, engines, digests),
            run.summary?.changes?.parts[job.id],
          );
    }),
  );
  const changes = run.summary?.changes;
  const count = (status: ReportPart['status']): number =>
    parts.filter((part) => part.status === status).length;
  return {
    schema: 1,
    parascad: { version: run.version },
    run: {
      outcome:
        run.error !== undefined
          ? 'error'
          : count('failed') > 0
            ? 'failed'
            : run.interrupted || count('cancelled') > 0
              ? 'cancelled'
              : 'passed',
      startedAt: run.startedAt.toISOString(),
      endedAt: run.endedAt.toISOString(),
      seconds: (run.endedAt.getTime() - run.startedAt.getTime()) / 1000,
      cwd: run.cwd,
      engines: engines.map((engine) => ({ ...engine })),
      options: run.options,
      ...defined({
        projectDir: run.start?.projectDir,
        source: run.start?.source,
        concurrency: run.summary?.concurrency ?? run.start?.concurrency,
        error:
          run.error === undefined
            ? undefined
            : {
                ...run.error,
                problems: run.error.problems.map((problem) => reportProblem(problem, projectDir)),
              },
      }),
    },
    totals: {
      parts: parts.length,
      ok: count('ok'),
      failed: count('failed'),
      cancelled: count('cancelled'),
      // Of the ok parts, as the terminal counts them: a cached part --strict failed is not.
      cached: parts.filter((part) => part.status === 'ok' && part.cached).length,
      warnings: parts.filter((part) => part.diagnostics.some(isWarning)).length,
      partSeconds: parts.reduce((sum, part) => sum + part.seconds, 0),
    },
    ...(changes === undefined
      ? {}
      : {
          changes: {
            against: changes.against,
            unchanged: changes.unchanged,
            changed: changes.changed,
            new: changes.new,
            gone: changes.gone,
            ...defined({ baseline: changes.baseline, previousRunAt: changes.previousRunAt }),
          },
        }),
    warnings: run.warnings.map((problem) => reportProblem(problem, projectDir)),
    parts,
  };
}

/** Whether a diagnostic is one a reviewer should see as a warning. */
export function isWarning(diagnostic: Pick<Diagnostic, 'severity'>): boolean {
  return diagnostic.severity === 'warning' || diagnostic.severity === 'deprecated';
}

/**
 * The engines of cached parts that no part rendered on in this run (every part of theirs came
 * from the cache, so none was started): known by the identity the cache entries are keyed by.
 */
function onlyCached(
  started: readonly EngineInfo[],
  results: readonly PartResult[],
): ReportEngine[] {
  const found = new Map<string, ReportEngine>();
  for (const { cached } of results) {
    if (cached === undefined) continue;
    const { id, version, backend } = cached.engine;
    const same = (engine: Pick<EngineInfo, 'id' | 'version'>): boolean =>
      engine.id === id && engine.version === version;
    if (started.some(same) || found.has(`${id} ${version}`)) continue;
    found.set(`${id} ${version}`, { id, version, backend });
  }
  return [...found.values()];
}

async function reportPart(
  result: PartResult,
  projectDir: string,
  engines: readonly ReportEngine[],
  digests: FileDigests,
): Promise<ReportPart> {
  const { job, cached } = result;
  const engine = engines.find((info) => info.id === result.engine);
  return {
    ...identity(job, projectDir),
    status: result.status,
    engine: {
      id: result.engine,
      // A cached part's engine is the one that rendered it: its entry's key says which.
      ...defined(
        cached === undefined
          ? { version: engine?.version, backend: job.backend ?? engine?.backend }
          : { version: cached.engine.version, backend: cached.engine.backend },
      ),
    },
    seconds: result.seconds,
    attempts: result.attempts,
    cached: result.cached !== undefined,
    outputs: await Promise.all(
      result.outputs.map((output) => reportOutput(output, projectDir, digests)),
    ),
    diagnostics: result.diagnostics.map((diagnostic) => reportDiagnostic(diagnostic, projectDir)),
    console: result.console,
    ...defined({
      failure:
        result.failure === undefined
          ? undefined
          : reportFailure(result.failure, result, projectDir),
      geometrySeconds: result.geometrySeconds,
      peakBytes: result.peakBytes,
      dimension: result.dimension,
      cachedFrom:
        result.cached === undefined
          ? undefined
          : {
              runId: result.cached.runId,
              renderedAt: result.cached.renderedAt,
              seconds: result.cached.seconds,
              key: result.cached.key,
            },
      fallbackFrom: result.fallbackFrom,
      where: result.where,
    }),
  };
}

function reportProblem(problem: ConfigProblem, projectDir: string): ReportProblem {
  return {
    message: problem.message,
    ...defined({
      location: problem.location === undefined ? undefined : locate(problem.location, projectDir),
      hint: problem.hint,
    }),
  };
}

function withChanges(part: ReportPart, changes: PartChange | undefined): ReportPart {
  return changes === undefined ? part : { ...part, changes };
}

/** A part the run planned but never finished: cancelled before it started or while it ran. */
function notFinished(job: RenderJob, projectDir: string): ReportPart {
  const reason: FailureReason = { kind: 'cancelled' };
  return {
    ...identity(job, projectDir),
    status: 'cancelled',
    failure: { kind: 'cancelled', category: 'cancelled', message: describeFailure(reason), reason },
    seconds: 0,
    attempts: 0,
    cached: false,
    outputs: [],
    diagnostics: [],
    console: '',
  };
}

function identity(
  job: RenderJob,
  projectDir: string,
): Pick<
  ReportPart,
  'id' | 'name' | 'file' | 'relativeFile' | 'module' | 'variables' | 'requestedAt'
> {
  return {
    id: job.id,
    name: job.name,
    file: job.scadFile,
    relativeFile: relativePath(projectDir, job.scadFile),
    variables: { ...job.variables },
    requestedAt: locate(job.requestedAt, projectDir),
    ...defined({ module: job.module }),
  };
}

function reportFailure(
  reason: FailureReason,
  result: PartResult,
  projectDir: string,
): ReportFailure {
  const at =
    failureDiagnostic(reason)?.location ??
    result.diagnostics.find((diagnostic) => diagnostic.fatal && diagnostic.location)?.location ??
    (reason.kind === 'cancelled' ? undefined : result.job.requestedAt);
  return {
    kind: reason.kind,
    category: failureCategory(reason),
    message: describeFailure(reason),
    reason,
    ...defined({ location: at === undefined ? undefined : locate(at, projectDir) }),
  };
}

function failureDiagnostic(reason: FailureReason): Diagnostic | undefined {
  if (reason.kind === 'openscad-error') return reason.diagnostic;
  if (reason.kind === 'strict') return reason.first;
  return undefined;
}

/**
 * A failure is the model's (or a policy's) doing and the user fixes the model; an error is the
 * run's (a crash, a timeout, memory, I/O) and rendering again, or elsewhere, may get through.
 */
export function failureCategory(reason: FailureReason): ReportFailure['category'] {
  switch (reason.kind) {
    case 'cancelled':
      return 'cancelled';
    case 'openscad-error':
    case 'strict':
    case 'exit-code':
    case 'missing-output':
    case 'invalid-output':
      return 'failure';
    case 'timeout':
    case 'engine-crash':
    case 'io-error':
    case 'memory-limit':
    case 'conversion-failed':
      return 'error';
    default:
      return unreachable(reason);
  }
}

async function reportOutput(
  output: DeliveredOutput,
  projectDir: string,
  digests: FileDigests,
): Promise<ReportOutput> {
  return {
    format: output.format,
    path: output.path,
    relativePath: relativePath(projectDir, output.path),
    bytes: output.bytes,
    digest: output.digest ?? (await digests.of(output.path)),
    summary: output.summary,
    ...defined({ note: output.note, facts: output.facts }),
  };
}

function reportDiagnostic(diagnostic: Diagnostic, projectDir: string): ReportDiagnostic {
  return {
    severity: diagnostic.severity,
    message: diagnostic.message,
    fatal: diagnostic.fatal,
    ...defined({
      location:
        diagnostic.location === undefined ? undefined : locate(diagnostic.location, projectDir),
      code: diagnostic.code,
    }),
  };
}

function locate(at: SourceLocation, projectDir: string): ReportDiagnostic['location'] & object {
  return {
    file: at.file,
    relativePath: relativePath(projectDir, at.file),
    line: at.line,
    ...defined({ column: at.column }),
  };
}

/** The run's parts in the plan's order, not the order they started in. */
function inPlanOrder(start: CollectedRun['start']): RenderJob[] | undefined {
  if (start === undefined) return undefined;
  const place = new Map(start.order.map((id, index) => [id, index]));
  return [...start.jobs].sort(
    (a, b) => (place.get(a.id) ?? place.size) - (place.get(b.id) ?? place.size),
  );
}

function present<T>(value: T | undefined): T[] {
  return value === undefined ? [] : [value];
}
