import { relative } from 'node:path';
import pc from 'picocolors';
import type { RunSummary } from '../run/run-summary.js';
import { formatDuration } from './format-duration.js';

/** How the summary is printed. */
export interface FormatSummaryOptions {
  /** Output folders are shown relative to it. */
  readonly cwd: string;
  readonly color: boolean;
}

/**
 * The end of a run's report, after an empty line: the counts, then how well the parts were
 * scheduled, then where the files went.
 *
 * ```text
 *
 * 5 parts: 4 ok, 1 failed · 1 retry
 * wall 12.3s · sum of parts 23.1s · speed-up 1.9× on 2 workers · lower bound 11.8s (96% of ideal)
 * outputs in outputs/
 * ```
 *
 * The lower bound is what no schedule beats (the longest part, or all the work spread over every
 * worker); the percentage says how close the run came to it.
 */
export function formatSummary(summary: RunSummary, options: FormatSummaryOptions): string[] {
  const colors = pc.createColors(options.color);
  const total = summary.results.length;
  const counts = [
    colors.green(`${summary.ok} ok`) + (summary.cached > 0 ? ` (${summary.cached} cached)` : ''),
    ...(summary.failed > 0 ? [colors.red(`${summary.failed} failed`)] : []),
    ...(summary.cancelled > 0 ? [colors.yellow(`${summary.cancelled} cancelled`)] : []),
  ].join(', ');
  const retries =
    summary.retries > 0 ? ` · ${summary.retries} retr${summary.retries === 1 ? 'y' : 'ies'}` : '';
  const lines = ['', `${colors.bold(plural(total, 'part'))}: ${counts}${retries}`];

  const efficiency = Number.isFinite(summary.scheduleEfficiency)
    ? ` (${Math.round(summary.scheduleEfficiency * 100)}% of ideal)`
    : '';
  if (summary.cached === total && total > 0) {
    lines.push(
      `wall ${formatDuration(summary.wallSeconds)} · nothing rendered: every part came from the cache`,
    );
  } else
    lines.push(
      [
        `wall ${formatDuration(summary.wallSeconds)}`,
        `sum of parts ${formatDuration(summary.partSeconds)}`,
        `speed-up ${summary.speedup.toFixed(1)}× on ${plural(summary.concurrency, 'worker')}`,
        `lower bound ${formatDuration(summary.lowerBoundSeconds)}${efficiency}`,
      ].join(' · '),
    );

  const folders = [
    ...new Set(
      summary.results.flatMap((result) =>
        result.outputs.map((output) => relative(options.cwd, output.path).replace(/[^/\\]*$/, '')),
      ),
    ),
  ];
  if (folders.length > 0)
    lines.push(colors.dim(`outputs in ${folders.map((folder) => folder || '.').join(', ')}`));
  return lines;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
