import { reportKinds } from './report-kinds.js';
import type { ReportRequest } from './parse-report-request.js';
import type { ReportContext } from './report-writer.js';
import type { RunReport } from './run-report.js';

/**
 * Writes every report asked for, each on its own: one that cannot be written does not keep the
 * others from being written. Answers what went wrong, one message per report that failed.
 */
export async function writeReports(
  report: RunReport,
  requests: readonly ReportRequest[],
  context: ReportContext,
): Promise<string[]> {
  const failures = await Promise.all(
    requests.map(async (request) => {
      try {
        const write = await reportKinds[request.kind]();
        await write(report, request.path, context);
        return [];
      } catch (error) {
        return [
          `could not write the ${request.kind} report to ${request.path}: ${error instanceof Error ? error.message : String(error)}`,
        ];
      }
    }),
  );
  return failures.flat();
}
