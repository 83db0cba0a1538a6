import { describeOutputChange } from '../format-changes.js';
import { formatDuration } from '../format-duration.js';
import type { ReportPart, RunReport } from '../documents/run-report.js';

const statusOrder: Readonly<Record<ReportPart['status'], number>> = {
  failed: 0,
  cancelled: 1,
  ok: 2,
};

/**
 * The run as a Markdown job summary for GitHub Actions (`GITHUB_STEP_SUMMARY`): a headline with
 * the totals, then a table of the parts — failures first, then cancelled parts, then the rest, each
 * in the plan's order — with status, time, engine and why a part failed.
 */
export function githubJobSummary(report: RunReport): string {
  const { totals } = report;
  const headline = [
    `${totals.ok} ok${totals.cached > 0 ? ` (${totals.cached} cached)` : ''}`,
    totals.failed > 0 ? `${totals.failed} failed` : undefined,
    totals.cancelled > 0 ? `${totals.cancelled} cancelled` : undefined,
    totals.warnings > 0 ? `${totals.warnings} with warnings` : undefined,
  ].filter((part) => part !== undefined);
  const lines = [
    `### parascad: ${report.run.outcome === 'passed' ? '✅' : '❌'} ${totals.parts} ${totals.parts === 1 ? 'part' : 'parts'} · ${headline.join(' · ')}`,
    '',
  ];
  const changes = report.changes;
  if (
    changes !== undefined &&
    (changes.previousRunAt !== undefined || changes.baseline !== undefined)
  ) {
    const counts = [
      changes.changed > 0 ? `${changes.changed} changed` : undefined,
      changes.new > 0 ? `${changes.new} new` : undefined,
      changes.gone.length > 0
        ? `${changes.gone.length} gone (${changes.gone.map((part) => cell(part.name)).join(', ')})`
        : undefined,
      `${changes.unchanged} unchanged`,
    ].filter((count) => count !== undefined);
    lines.push(
      `${changes.baseline === undefined ? 'Since the last run' : 'Against the baseline'}: ${counts.join(' · ')}`,
      '',
    );
  }
  const { error } = report.run;
  if (error !== undefined) {
    lines.push(`**${cell(error.message)}**`, '');
    for (const problem of error.problems) {
      const at = problem.location;
      lines.push(
        `- ${at === undefined ? '' : `\`${at.relativePath}:${at.line}\` `}${cell(problem.message)}`,
      );
    }
    if (error.problems.length > 0) lines.push('');
  }
  if (report.parts.length > 0) {
    lines.push(
      '| part | status | time | engine | file | problem |',
      '| --- | --- | --- | --- | --- | --- |',
    );
    const parts = [...report.parts].sort((a, b) => statusOrder[a.status] - statusOrder[b.status]);
    for (const part of parts) lines.push(row(part));
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}

function row(part: ReportPart): string {
  const status =
    part.status === 'ok'
      ? part.cached
        ? '✅ cached'
        : '✅ ok'
      : part.status === 'failed'
        ? '❌ failed'
        : '⏹️ cancelled';
  const engine =
    part.engine === undefined
      ? ''
      : [part.engine.id, part.engine.version].filter(Boolean).join(' ');
  const at = part.failure?.location ?? part.requestedAt;
  const warnings = part.diagnostics.filter(
    (diagnostic) => diagnostic.severity === 'warning',
  ).length;
  const changed = Object.entries(part.changes?.outputs ?? {})
    .filter(([, output]) => output.status !== 'unchanged' && output.status !== 'same-geometry')
    .map(([format, output]) => `${format}: ${describeOutputChange(output)}`);
  const problem =
    part.failure !== undefined && part.status === 'failed'
      ? part.failure.message
      : [
          ...(warnings > 0 ? [`${warnings} ${warnings === 1 ? 'warning' : 'warnings'}`] : []),
          ...(part.changes?.status === 'changed' ? [`changed: ${changed.join(', ')}`] : []),
        ].join(' · ');
  return `| ${cell(part.name)} | ${status} | ${part.seconds > 0 ? formatDuration(part.seconds) : ''} | ${engine} | \`${cell(`${at.relativePath}:${at.line}`)}\` | ${cell(problem)} |`;
}

/** Text that stays inside one table cell. */
function cell(text: string): string {
  return text.replaceAll('\\', '\\\\').replaceAll('|', '\\|').replace(/\r?\n/g, ' ');
}
