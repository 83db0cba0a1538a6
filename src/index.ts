export { render, renderPlan, type EnginePreference, type RenderOptions } from './run/render.js';
export { planRun, type RunPlan } from './run/plan-run.js';
export { watch, type WatchOptions, type WatchEvent } from './watch/watch-project.js';
export type { RunSummary } from './run/run-summary.js';
export type { RunEvent, EnginePlan } from './run/run-event.js';
export type { PartResult, PartStatus, FailureReason, DeliveredOutput } from './run/part-result.js';
export type { RenderJob, PlannedOutput, Quality } from './plan/render-job.js';
export { buildPartJob, type PartJob, type PartJobContext } from './job/part-job.js';
export { partKey, programKey, type PartKey } from './job/part-key.js';
export type { Digest } from './job/digest.js';
export type { EngineIdentity } from './job/engine-identity.js';
export type { PartRunner, PartRun } from './run/part-runner.js';
export type { ProjectConfig } from './config/project-config.js';
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
export type {
  RunReport,
  ReportPart,
  ReportOutput,
  ReportDiagnostic,
  ReportFailure,
  PartChanges,
} from './report/documents/run-report.js';
