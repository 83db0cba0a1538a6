import { writeAtomic } from '../../util/write-atomic.js';
import type { ReportWriter } from './report-writer.js';

/** `--report json=FILE`: the run report as it is, described by `schema/parascad.report.schema.json`. */
export const writeJsonReport: ReportWriter = async (report, path) => {
  await writeAtomic(path, `${JSON.stringify(report, null, 2)}\n`);
};
