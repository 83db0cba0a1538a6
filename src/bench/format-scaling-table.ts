import type { ScalingRows } from './scaling-rows.js';

/**
 * The measurements as a Markdown table, one row per run, with right-aligned columns padded so
 * that it reads as plain text in a terminal and pastes unchanged into a README:
 *
 * ```
 * | workers | wall time | speed-up | efficiency | lower bound |
 * | ------: | --------: | -------: | ---------: | ----------: |
 * |       1 |     2.31s |    1.00× |       100% |       2.10s |
 * |       2 |     1.40s |    1.65× |        83% |       1.05s |
 * ```
 *
 * A count run several times shows its median and, after it, the fastest–slowest spread. A run
 * that used fewer workers than asked (the project has fewer parts) says so in its first
 * cell. The speed-up column names its baseline when that is not 1 worker.
 */
export function formatScalingTable(scaling: ScalingRows): string {
  const header = [
    'workers',
    'wall time',
    scaling.baselineWorkers === 1 ? 'speed-up' : `speed-up vs ${scaling.baselineWorkers}`,
    'efficiency',
    'lower bound',
  ];
  const body = scaling.rows.map((row) => [
    row.workers === row.requestedWorkers
      ? String(row.workers)
      : `${row.workers} (${row.requestedWorkers} asked)`,
    row.runs > 1
      ? `${seconds(row.wallSeconds)} (${seconds(row.wallMinSeconds)}–${seconds(row.wallMaxSeconds)}, ${row.runs} runs)`
      : seconds(row.wallSeconds),
    Number.isFinite(row.speedup) ? `${row.speedup.toFixed(2)}×` : 'n/a',
    Number.isFinite(row.efficiency) ? `${Math.round(row.efficiency * 100)}%` : 'n/a',
    seconds(row.lowerBoundSeconds),
  ]);
  const widths = header.map((title, column) =>
    Math.max(3, title.length, ...body.map((cells) => (cells[column] ?? '').length)),
  );
  const line = (cells: readonly string[]): string =>
    `| ${cells.map((cell, column) => cell.padStart(widths[column] ?? 0)).join(' | ')} |`;
  const rule = `| ${widths.map((width) => `${'-'.repeat(width - 1)}:`).join(' | ')} |`;
  return [line(header), rule, ...body.map(line)].join('\n');
}

function seconds(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}s` : 'n/a';
}
