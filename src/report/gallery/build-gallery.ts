import { basename } from 'node:path';
import type { ReportProblem, RunReport } from '../documents/run-report.js';
import { formatDuration } from '../format-duration.js';
import type { GalleryData, GalleryMessage, GalleryStatus } from './gallery-data.js';
import { galleryPart, galleryStatus, type WriteGalleryFile } from './gallery-part.js';

/** The order of the cards: what needs the user's eyes first. */
const order: readonly GalleryStatus[] = ['failed', 'cancelled', 'warnings', 'ok'];

/**
 * The gallery's data from the run report, failures first, writing each part's pictures as it
 * goes (one part's mesh in memory at a time).
 *
 * @param dir The gallery folder, absolute: links to the outputs are relative to it.
 */
export async function buildGallery(
  report: RunReport,
  dir: string,
  write: WriteGalleryFile,
): Promise<GalleryData> {
  const sorted = report.parts
    .map((part, index) => ({ part, index }))
    .sort(
      (a, b) =>
        order.indexOf(galleryStatus(a.part)) - order.indexOf(galleryStatus(b.part)) ||
        a.index - b.index,
    );
  const parts = [];
  for (const { part, index } of sorted)
    parts.push(await galleryPart(part, `p${index}`, dir, write));
  const { run, totals, changes } = report;
  const project = run.projectDir ?? run.cwd;
  return {
    title: `parascad · ${basename(project)}`,
    outcome: run.outcome,
    when: `${run.startedAt.slice(0, 16).replace('T', ' ')} UTC · ${formatDuration(run.seconds)}`,
    parascadVersion: report.parascad.version,
    totals,
    counts: [
      `${totals.ok} ok${totals.cached > 0 ? ` (${totals.cached} cached)` : ''}`,
      `${totals.failed} failed`,
      `${totals.cancelled} cancelled`,
      `${totals.warnings} with warnings`,
    ].join(', '),
    ...(changes === undefined
      ? {}
      : {
          changes: `${changes.changed} changed, ${changes.new} new, ${changes.unchanged} unchanged${
            changes.gone.length === 0
              ? ''
              : `, ${changes.gone.length} gone (${changes.gone.map((part) => part.name).join(', ')})`
          } ${changes.against === 'baseline' ? `against the baseline ${changes.baseline ?? ''}` : 'since the previous run'}`,
        }),
    parts,
    warnings: [
      ...(run.error?.problems ?? []).map((problem) => galleryProblem('error', problem)),
      ...report.warnings.map((warning) => galleryProblem('warning', warning)),
    ],
    ...(run.error === undefined
      ? {}
      : {
          error:
            run.error.hint === undefined
              ? run.error.message
              : `${run.error.message} (${run.error.hint})`,
        }),
  };
}

function galleryProblem(severity: string, problem: ReportProblem): GalleryMessage {
  return {
    severity,
    message: problem.hint === undefined ? problem.message : `${problem.message} (${problem.hint})`,
    ...(problem.location === undefined
      ? {}
      : { at: `${problem.location.relativePath}:${problem.location.line}` }),
  };
}
