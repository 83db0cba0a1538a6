import pc from 'picocolors';
import { formatRoughDuration } from './format-rough-duration.js';
import type { ProgressSnapshot, RunningPartProgress } from './run-progress.js';

/** Running parts named on a heartbeat line before the rest is counted. */
const namedRunning = 4;

/**
 * One line saying where a run stands, printed now and then by the plain reporter so a CI log shows
 * the run is alive and how far it is:
 *
 * ```text
 * … 5/16 done, 2 running (gear_60 12s of ~30s, housing 2s), 1 failed, ETA 40s
 * ```
 *
 * A running part shows its expected time only when it is known from an earlier render.
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
    ...(snapshot.etaSeconds === undefined
      ? []
      : [`ETA ${formatRoughDuration(Math.ceil(snapshot.etaSeconds))}`]),
  ];
  return colors.dim(`… ${parts.join(', ')}`);
}

function describeRunning(part: RunningPartProgress): string {
  const elapsed = formatRoughDuration(part.elapsedSeconds);
  return part.known
    ? `${part.name} ${elapsed} of ~${formatRoughDuration(part.expectedSeconds)}`
    : `${part.name} ${elapsed}`;
}
