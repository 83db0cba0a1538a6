export { render, type EnginePreference, type RenderOptions } from './run/render.js';
export type { RunSummary } from './run/run-summary.js';
export type { RunEvent, EnginePlan } from './run/run-event.js';
export type { PartResult, PartStatus, FailureReason, DeliveredOutput } from './run/part-result.js';
export type { RenderJob, PlannedOutput } from './plan/render-job.js';
export type {
  Diagnostic,
  DiagnosticCode,
  DiagnosticSeverity,
  SourceLocation,
} from './diagnostics/diagnostic.js';
export type { EngineId, EngineInfo } from './engines/engine.js';
export {
  ParascadError,
  ConfigError,
  type ParascadErrorCode,
  type ConfigProblem,
} from './errors.js';
