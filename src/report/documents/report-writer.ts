import type { RunReport } from './run-report.js';

/** What a report writer gets besides the report. */
export interface ReportContext {
  /** The folder the command ran in (the report's path is already resolved against it). */
  readonly cwd: string;
  /** The environment of the run (`GITHUB_WORKSPACE`, …). */
  readonly env: NodeJS.ProcessEnv;
  /** Tells the user something the report could not include, without failing the report. */
  readonly warn: (message: string) => void;
}

/**
 * Writes one kind of report of a finished run — a file (`json`, `junit`) or a folder (`html`) —
 * at `path`, absolute. Called once per `--report KIND=PATH`, after the run, whether parts failed
 * or the run was cancelled. A writer writes atomically (a temporary name renamed into place, see
 * `writeAtomic`), so a report is either the old one or the whole new one; it throws when it cannot
 * write, and the CLI says so and exits 1.
 *
 * A new kind is a module exporting one of these, named in `reportKinds` (`report-kinds.ts`).
 */
export type ReportWriter = (
  report: RunReport,
  path: string,
  context: ReportContext,
) => Promise<void>;
