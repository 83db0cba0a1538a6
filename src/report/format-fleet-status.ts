import pc from 'picocolors';
import type { FleetStatus } from '../fleet/read-fleet-status.js';
import { formatAdvertisedEngine } from '../fleet/worker-advert.js';

/** `parascad fleet`: connected workers with their engines and running parts, then each queue's depth. */
export function formatFleetStatus(
  status: FleetStatus,
  options: { readonly color: boolean },
): string {
  const colors = pc.createColors(options.color);
  const lines: string[] = [];
  lines.push(
    status.workers.length === 0
      ? colors.yellow('No worker is connected.')
      : colors.bold(`${status.workers.length} worker${status.workers.length === 1 ? '' : 's'}:`),
  );
  for (const { advert, running } of status.workers) {
    const engines = advert.engines.map(formatAdvertisedEngine).join(', ');
    lines.push(
      `  ${advert.host}:${advert.pid}  ${engines}  -j ${advert.jobs}  ${advert.fonts} fonts  parascad ${advert.parascad}`,
    );
    for (const part of running) {
      lines.push(`    ${colors.cyan('▶')} ${part.name} ${colors.dim(`(run ${part.runId})`)}`);
    }
    if (running.length === 0) lines.push(colors.dim('    idle'));
  }
  if (status.queues.length === 0) {
    lines.push('No queue yet (no part was ever sent).');
  } else {
    lines.push(colors.bold('Queues:'));
    for (const queue of status.queues) {
      lines.push(
        `  ${queue.name}  ${queue.waiting} waiting, ${queue.running} running, ${queue.failed} failed, ${queue.workers} worker${queue.workers === 1 ? '' : 's'}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
