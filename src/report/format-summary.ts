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
 * worker); the percentage says how close the run came to it. With one worker or one part there is
 * nothing to compare, so the line only says where the time went; and when fixed costs took most of
 * the wall time, a line says so, since no worker count helps with them.
 */
export function formatSummary(summary: RunSummary, options: FormatSummaryOptions): string[] {
  const colors = pc.createColors(options.color);
  const total = summary.results.length;
  const counts = [
    colors.green(`${summary.ok} ok`),
    ...(summary.failed > 0 ? [colors.red(`${summary.failed} failed`)] : []),
    ...(summary.cancelled > 0 ? [colors.yellow(`${summary.cancelled} cancelled`)] : []),
  ].join(', ');
  const retries =
    summary.retries > 0 ? ` · ${summary.retries} retr${summary.retries === 1 ? 'y' : 'ies'}` : '';
  const lines = ['', `${colors.bold(plural(total, 'part'))}: ${counts}${retries}`];

  lines.push(...timeLines(summary));

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

/** The wall-time line, and the overhead line when fixed costs dominate. */
function timeLines(summary: RunSummary): string[] {
  const wall = `wall ${formatDuration(summary.wallSeconds)}`;
  const work = `sum of parts ${formatDuration(summary.partSeconds)}`;
  const parallel = summary.concurrency > 1 && summary.results.length > 1;
  const efficiency = Number.isFinite(summary.scheduleEfficiency)
    ? ` (${Math.round(summary.scheduleEfficiency * 100)}% of ideal)`
    : '';
  const lines = [
    parallel
      ? [
          wall,
          work,
          `speed-up ${summary.speedup.toFixed(1)}× on ${plural(summary.concurrency, 'worker')}`,
          `lower bound ${formatDuration(summary.lowerBoundSeconds)}${efficiency}`,
        ].join(' · ')
      : [wall, work].join(' · '),
  ];
  // What no schedule can remove: starting the engines' workers, compiling WebAssembly, reading
  // the inputs, writing the outputs. On a small run it dominates; on a long one it vanishes.
  const overhead = summary.wallSeconds - summary.lowerBoundSeconds;
  if (summary.wallSeconds > 0 && overhead > summary.wallSeconds / 2) {
    lines.push(
      `${formatDuration(overhead)} of the ${formatDuration(summary.wallSeconds)} went outside the parts' own renders (starting worker threads, reading files, writing outputs): a fixed cost per run that more workers cannot shorten`,
    );
  }
  return lines;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
