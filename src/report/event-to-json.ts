import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { EngineId, EngineInfo } from '../engines/engine.js';
import type { PlannedOutput, Quality, QualitySource, RenderJob } from '../plan/render-job.js';
import type { DeliveredOutput, FailureReason, PartStatus } from '../run/part-result.js';
import type { PartEstimate, RunEvent } from '../run/run-event.js';
import { unreachable } from '../util/unreachable.js';
import { describeFailure } from './describe-failure.js';

/** A part in the events after `run-start`, which lists the parts in full. */
export interface JsonPartRef {
  readonly id: string;
  readonly name: string;
}

/** A part as `run-start` lists it. */
export interface JsonPart extends JsonPartRef {
  readonly scadFile: string;
  /** Null for a file rendered whole. */
  readonly module: string | null;
  readonly mode: 'include' | 'use';
  /** Variables set for the part, as OpenSCAD source. */
  readonly variables: Readonly<Record<string, string>>;
  readonly quality: Quality;
  /** Where `quality` comes from (see `QualitySource`); null for parts built by other tools. */
  readonly qualityFrom: QualitySource | null;
  readonly paramSet: { readonly file: string; readonly name: string } | null;
  readonly outputs: readonly PlannedOutput[];
}

/** Why a part failed, with the phrase the text report shows for it. */
export type JsonFailure = FailureReason & { readonly description: string };

/**
 * One line of `--json` output. Field names are stable; `type` comes first; durations are seconds,
 * sizes bytes, paths as the run gave them (absolute).
 */
export type JsonRunEvent =
  | {
      readonly type: 'run-start';
      /** In the order they will start. */
      readonly parts: readonly JsonPart[];
      /** Keyed by part id. */
      readonly estimates: Readonly<Record<string, PartEstimate>>;
      readonly concurrency: number;
      readonly memoryBudgetBytes: number;
      /** Where the parts come from (`render_config.yml`, …). */
      readonly source?: string;
      readonly engines: {
        readonly explanation: string;
        readonly native?: EngineInfo;
        readonly wasm?: EngineInfo;
      };
    }
  | {
      readonly type: 'warning';
      readonly message: string;
      readonly location?: {
        readonly file: string;
        readonly line: number;
        readonly column?: number;
        readonly length?: number;
      };
      readonly hint?: string;
    }
  | {
      readonly type: 'part-start';
      readonly part: JsonPartRef;
      readonly engine: EngineId;
      readonly reason: string;
      readonly attempt: number;
      readonly expected: PartEstimate;
      /** A fleet worker (`host:pid`) when the part does not run on this machine. */
      readonly where?: string;
    }
  | {
      readonly type: 'part-retry';
      readonly part: JsonPartRef;
      /** The try that failed; the next one is `attempt + 1`. */
      readonly attempt: number;
      readonly failure: JsonFailure;
      /** The engine of the next try when it changes, else null. */
      readonly nextEngine: EngineId | null;
    }
  | {
      readonly type: 'part-done';
      readonly part: JsonPartRef;
      readonly status: PartStatus;
      readonly engine: EngineId;
      readonly seconds: number;
      readonly attempts: number;
      readonly failure?: JsonFailure;
      readonly outputs: readonly DeliveredOutput[];
      readonly diagnostics: readonly Diagnostic[];
      readonly peakBytes?: number;
      readonly geometrySeconds?: number;
      /** The engine `auto` tried first and how it failed there, when the part fell back. */
      readonly fallbackFrom?: { readonly engine: EngineId; readonly failure: JsonFailure };
      /** Everything OpenSCAD printed; only with `--verbose`. */
      readonly console?: string;
      /** A fleet worker (`host:pid`), or the fleet's store, when it did not render on this machine. */
      readonly where?: string;
    }
  | {
      readonly type: 'stopping';
      readonly reason: 'interrupted' | 'fail-fast';
      readonly running: number;
    }
  | {
      readonly type: 'run-done';
      /** Every part; their results came as `part-done` events. */
      readonly parts: number;
      readonly ok: number;
      readonly failed: number;
      readonly cancelled: number;
      readonly retries: number;
      readonly wallSeconds: number;
      readonly partSeconds: number;
      readonly speedup: number;
      readonly lowerBoundSeconds: number;
      readonly scheduleEfficiency: number;
      readonly concurrency: number;
      readonly engines: readonly EngineInfo[];
    };

/** What `--json` shows of an event. */
export interface EventToJsonOptions {
  /** Include each part's OpenSCAD console output. */
  readonly verbose: boolean;
}

/**
 * The `--json` form of a run event: the event's own fields under stable names, with parts
 * referred to by id and name after `run-start` and failures described in words as well.
 */
export function eventToJson(event: RunEvent, options: EventToJsonOptions): JsonRunEvent {
  switch (event.type) {
    case 'run-start':
      return {
        type: 'run-start',
        parts: event.jobs.map(partToJson),
        estimates: event.estimates,
        concurrency: event.concurrency,
        memoryBudgetBytes: event.memoryBudgetBytes,
        engines: event.engines,
        ...(event.source === undefined ? {} : { source: event.source }),
      };
    case 'warning': {
      const { message, location, hint } = event.problem;
      return {
        type: 'warning',
        message,
        ...(location === undefined ? {} : { location }),
        ...(hint === undefined ? {} : { hint }),
      };
    }
    case 'part-start':
      return {
        type: 'part-start',
        part: refOf(event.job),
        engine: event.engine,
        reason: event.reason,
        attempt: event.attempt,
        expected: event.expected,
        ...(event.where === undefined ? {} : { where: event.where }),
      };
    case 'part-retry':
      return {
        type: 'part-retry',
        part: refOf(event.job),
        attempt: event.attempt,
        failure: failureOf(event.failure),
        nextEngine: event.nextEngine ?? null,
      };
    case 'part-done': {
      const { job, failure, console, peakBytes, geometrySeconds, fallbackFrom, ...result } =
        event.result;
      return {
        type: 'part-done',
        part: refOf(job),
        status: result.status,
        engine: result.engine,
        seconds: result.seconds,
        attempts: result.attempts,
        ...(failure === undefined ? {} : { failure: failureOf(failure) }),
        outputs: result.outputs,
        diagnostics: result.diagnostics,
        ...(peakBytes === undefined ? {} : { peakBytes }),
        ...(geometrySeconds === undefined ? {} : { geometrySeconds }),
        ...(fallbackFrom === undefined
          ? {}
          : {
              fallbackFrom: {
                engine: fallbackFrom.engine,
                failure: failureOf(fallbackFrom.failure),
              },
            }),
        ...(options.verbose ? { console } : {}),
        ...(result.where === undefined ? {} : { where: result.where }),
      };
    }
    case 'stopping':
      return { type: 'stopping', reason: event.reason, running: event.running };
    case 'run-done': {
      const { summary } = event;
      return {
        type: 'run-done',
        parts: summary.results.length,
        ok: summary.ok,
        failed: summary.failed,
        cancelled: summary.cancelled,
        retries: summary.retries,
        wallSeconds: summary.wallSeconds,
        partSeconds: summary.partSeconds,
        speedup: summary.speedup,
        lowerBoundSeconds: summary.lowerBoundSeconds,
        scheduleEfficiency: summary.scheduleEfficiency,
        concurrency: summary.concurrency,
        engines: summary.engines,
      };
    }
    default:
      return unreachable(event);
  }
}

function refOf(job: RenderJob): JsonPartRef {
  return { id: job.id, name: job.name };
}

/** A part as JSON, as `run-start` and `parascad list --json` give it. */
export function partToJson(job: RenderJob): JsonPart {
  return {
    id: job.id,
    name: job.name,
    scadFile: job.scadFile,
    module: job.module ?? null,
    mode: job.mode,
    variables: job.variables,
    quality: job.quality,
    qualityFrom: job.qualityFrom ?? null,
    paramSet: job.paramSet ?? null,
    outputs: job.outputs,
  };
}

function failureOf(failure: FailureReason): JsonFailure {
  return { ...failure, description: describeFailure(failure) };
}
