import { Command } from '@commander-js/extra-typings';
import { parseQueueUrl } from '../../fleet/parse-queue-url.js';
import type { CliContext } from '../cli-context.js';
import { exitCodes } from '../exit-codes.js';

/** `parascad fleet --queue URL`: the workers connected to a queue, their engines and parts, and its depth. */
export function fleetCommand(context: CliContext) {
  return new Command('fleet')
    .description(
      'show the render fleet of a Redis queue: workers, their engines, running parts, queue depth',
    )
    .requiredOption(
      '--queue <url>',
      'the Redis address, e.g. redis://localhost:6379',
      parseQueueUrl,
    )
    .option('--json', 'print the status as JSON, for other programs')
    .action(async (options) => {
      const [{ readFleetStatus }, { formatFleetStatus }] = await Promise.all([
        import('../../fleet/read-fleet-status.js'),
        import('../../report/format-fleet-status.js'),
      ]);
      const status = await readFleetStatus(options.queue);
      context.stdout(
        options.json === true
          ? `${JSON.stringify(status, null, 2)}\n`
          : formatFleetStatus(status, { color: context.color }),
      );
      context.setExitCode(exitCodes.ok);
    });
}
