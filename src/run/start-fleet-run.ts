import { ParascadError } from '../errors.js';
import type { EngineIdentity } from '../job/engine-identity.js';
import type { PartRunner } from './part-runner.js';

export interface StartFleetRunOptions {
  /** The fleet's Redis address. */
  readonly url: string;
  readonly root: string;
  readonly libraryPaths: readonly string[];
  /** The engine identities the run's parts need. */
  readonly engines: readonly EngineIdentity[];
  readonly stopSignal?: AbortSignal | undefined;
  /** Render on this machine instead when no worker serves an engine the parts need. */
  readonly localFallback: boolean;
  /** Seconds to wait for workers (one may be starting) before saying none is there. @default 5 */
  readonly waitSeconds?: number;
}

/** The run on a fleet, or why it falls back to this machine. */
export type FleetRun =
  | {
      readonly kind: 'fleet';
      readonly runner: PartRunner;
      /** Parts the fleet's workers render at once, together. */
      readonly slots: number;
      /** For the engine line: where the parts go. */
      readonly description: string;
    }
  | { readonly kind: 'fallback'; readonly reason: string };

/**
 * Connects a run to a fleet (`render --queue`) and checks, within seconds, that some worker
 * serves every engine its parts need: without one the parts would wait silently. Then it is an
 * error — or, with `localFallback`, the run renders here and says why. BullMQ and Redis are
 * loaded only here: a local run never loads them.
 */
export async function startFleetRun(options: StartFleetRunOptions): Promise<FleetRun> {
  const [{ createQueuePartRunner }, { describeQueueUrl }, { formatAdvertisedEngine }] =
    await Promise.all([
      import('../fleet/queue-part-runner.js'),
      import('../fleet/parse-queue-url.js'),
      import('../fleet/worker-advert.js'),
    ]);
  const where = describeQueueUrl(options.url);
  const runner = await createQueuePartRunner({
    url: options.url,
    root: options.root,
    libraryPaths: options.libraryPaths,
    stopSignal: options.stopSignal,
  });
  const deadline = Date.now() + (options.waitSeconds ?? 5) * 1000;
  let survey = await runner.survey(options.engines);
  while (survey.unserved.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    survey = await runner.survey(options.engines);
  }
  if (survey.unserved.length === 0) {
    return {
      kind: 'fleet',
      runner,
      slots: Math.max(1, survey.slots),
      description: `on the fleet at ${where}: ${survey.workers} worker${survey.workers === 1 ? '' : 's'}, ${survey.slots} at once`,
    };
  }
  await runner.close();
  const missing = survey.unserved.map(formatAdvertisedEngine).join(', ');
  const reason = `no worker with ${missing} is connected to ${where}`;
  if (options.localFallback) return { kind: 'fallback', reason };
  throw new ParascadError(
    'FLEET_NO_WORKER',
    `${reason[0]?.toUpperCase() ?? ''}${reason.slice(1)}`,
    `Start one on a render machine (parascad worker --queue ${where}), or add --local-fallback to render here.`,
  );
}
