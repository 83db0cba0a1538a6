import pc from 'picocolors';
import { formatRoughDuration } from './format-rough-duration.js';
import type { ProgressSnapshot, RunningPartProgress } from './run-progress.js';
import { describeTimeLeft } from './describe-time-left.js';

/** Running parts named on a heartbeat line before the rest is counted. */
const namedRunning = 4;

/**
 * One line saying where a run stands, printed now and then by the plain reporter so a CI log shows
 * the run is alive and how far it is:
 *
 * ```text
 * … 5/16 done, 2 running (gear_60 12s of ~30s, housing 2s), 1 failed, ETA 40s
 * … 1/3 done, 2 running (gear_60 12s, housing 2s), 14s elapsed, no ETA: 2 parts have no estimate
 * ```
 *
 * A running part shows its expected time when its estimate has a basis (see `estimateParts`);
 * the ETA is shown only when every part left has one (see `describeTimeLeft`).
 */
export function formatHeartbeat(snapshot: ProgressSnapshot, color: boolean): string {
  const colors = pc.createColors(color);
  const running = snapshot.running;
  const named = running.slice(0, namedRunning).map(describeRunning);
  if (running.length > namedRunning) named.push(`+${running.length - namedRunning} more`);
  const parts = [
    `${snapshot.done}/${snapshot.total} done`,
    `${running.length} running${named.length > 0 ? ` (${named.join(', ')})` : ''}`,
    ...(snapshot.failed > 0 ? [colors.red(`${snapshot.failed} failed`)] : []),
    ...(snapshot.cancelled > 0 ? [colors.yellow(`${snapshot.cancelled} cancelled`)] : []),
    ...(snapshot.stopping === undefined ? [] : [colors.yellow('stopping')]),
    ...describeTimeLeft(snapshot),
  ];
  return colors.dim(`… ${parts.join(', ')}`);
}

function describeRunning(part: RunningPartProgress): string {
  const elapsed = formatRoughDuration(part.elapsedSeconds);
  return part.expectedSeconds === undefined
    ? `${part.name} ${elapsed}`
    : `${part.name} ${elapsed} of ~${formatRoughDuration(part.expectedSeconds)}`;
}
