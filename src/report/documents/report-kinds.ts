import type { ReportWriter } from './report-writer.js';

/**
 * Every kind of `--report KIND=PATH`, each loading its writer only when a run asks for it (the
 * HTML gallery bundles three.js; a run without it should not pay for loading it).
 */
export const reportKinds = {
  json: async () => (await import('./write-json-report.js')).writeJsonReport,
  junit: async () => (await import('./write-junit-report.js')).writeJunitReport,
  html: async () => (await import('../gallery/write-html-report.js')).writeHtmlReport,
} satisfies Readonly<Record<string, () => Promise<ReportWriter>>>;

/** A kind of report `--report` can write. */
export type ReportKind = keyof typeof reportKinds;

/** Whether `name` is a kind of report parascad can write. */
export function isReportKind(name: string): name is ReportKind {
  return Object.hasOwn(reportKinds, name);
}
