import pc from 'picocolors';
import { describeTimeLeft } from './describe-time-left.js';
import { fitNameColumn, nameColumnFor } from './fit-name-column.js';
import { formatRoughDuration } from './format-rough-duration.js';
import type { ProgressSnapshot, RunningPartProgress } from './run-progress.js';
import { truncateLine } from './truncate-line.js';

/** How the live window is drawn. */
export interface FormatLiveWindowOptions {
  readonly color: boolean;
  /** Terminal width: every line is cut to it, so none wraps. */
  readonly columns: number;
}

const barWidth = 20;
/** Running parts listed before the rest is counted, so the window stays a few lines high. */
const runningShown = 8;

/**
 * The lines of the live window at the bottom of the terminal: a bar of the estimated work done
 * (see `createRunProgress`) with the counts and the ETA, each running part with its elapsed and
 * expected time, and the parts failed so far.
 *
 * ```text
 * ██████░░░░░░░░░░░░░░ 5/16 · 4 ok · 1 failed · 2 running · ETA 40s
 *   gear_60   12.1s of ~30s
 *   housing    2.0s
 *   failed: broken
 * ```
 *
 * A part's expected time is shown when its estimate has a basis (in yellow once the part is past
 * it); without one for every part left, the elapsed time replaces the ETA (see
 * `describeTimeLeft`). A retried part says which try it is on.
 */
export function formatLiveWindow(
  snapshot: ProgressSnapshot,
  options: FormatLiveWindowOptions,
): string[] {
  const colors = pc.createColors(options.color);
  const filled = snapshot.total === 0 ? barWidth : Math.round(barWidth * snapshot.workDone);
  const counts = [
    `${snapshot.done}/${snapshot.total}`,
    colors.green(`${snapshot.ok} ok`),
    ...(snapshot.failed > 0 ? [colors.red(`${snapshot.failed} failed`)] : []),
    ...(snapshot.cancelled > 0 ? [colors.yellow(`${snapshot.cancelled} cancelled`)] : []),
    `${snapshot.running.length} running`,
    ...(snapshot.stopping === undefined ? [] : [colors.yellow('stopping')]),
    ...describeTimeLeft(snapshot),
  ];
  const lines = [
    `${colors.green('█'.repeat(filled))}${colors.dim('░'.repeat(barWidth - filled))} ${counts.join(' · ')}`,
  ];

  const shown = snapshot.running.slice(0, runningShown);
  const nameWidth = nameColumnFor(shown.map((part) => part.name));
  for (const part of shown) lines.push(runningLine(part, nameWidth, colors));
  if (snapshot.running.length > shown.length)
    lines.push(colors.dim(`  … ${snapshot.running.length - shown.length} more running`));

  if (snapshot.failedNames.length > 0)
    lines.push(colors.red(`  failed: ${snapshot.failedNames.join(', ')}`));
  return lines.map((line) => truncateLine(line, options.columns));
}

function runningLine(
  part: RunningPartProgress,
  nameWidth: number,
  colors: ReturnType<typeof pc.createColors>,
): string {
  const elapsed = formatElapsed(part.elapsedSeconds).padStart(6);
  const expectedSeconds = part.expectedSeconds;
  const expected =
    expectedSeconds === undefined
      ? ''
      : (part.elapsedSeconds > expectedSeconds ? colors.yellow : colors.dim)(
          ` of ~${formatRoughDuration(expectedSeconds)}`,
        );
  const attempt = part.attempt > 1 ? colors.yellow(` (try ${part.attempt})`) : '';
  const where = part.where === undefined ? '' : colors.dim(`  on ${part.where}`);
  return `  ${fitNameColumn(part.name, nameWidth)}  ${elapsed}${expected}${attempt}${where}`;
}

/** Tenths while they mean something, whole seconds after a minute. */
function formatElapsed(seconds: number): string {
  return seconds < 60 ? `${seconds.toFixed(1)}s` : formatRoughDuration(seconds);
}
