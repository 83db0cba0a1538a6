import { createLineFormatter } from './line-formatter.js';
import { formatHeartbeat } from './format-heartbeat.js';
import type { Reporter, ReporterOptions } from './reporter.js';
import { createRunProgress } from './run-progress.js';
import { startInterval } from './start-interval.js';

/**
 * Reports a run as lines that are only ever appended, for pipes, files and CI logs: the stable
 * lines of {@link createLineFormatter}, and every `heartbeatSeconds` while parts render a line
 * saying how far the run is (none with `quiet`). Nothing but text and, with `color`, colour
 * escapes: no cursor movement.
 */
export function createPlainReporter(options: ReporterOptions): Reporter {
  const format = createLineFormatter(options);
  const progress = createRunProgress(options.now ?? (() => performance.now()));
  let stopHeartbeat: (() => void) | undefined;

  const print = (lines: readonly string[]): void => {
    if (lines.length > 0) options.stdout(`${lines.join('\n')}\n`);
  };
  const heartbeat = (): void => {
    const snapshot = progress.snapshot();
    if (snapshot.running.length > 0) print([formatHeartbeat(snapshot, options.color)]);
  };
  const stop = (): void => {
    stopHeartbeat?.();
    stopHeartbeat = undefined;
  };

  return {
    onEvent(event) {
      progress.apply(event);
      print(format(event));
      if (event.type === 'run-start' && !options.quiet && stopHeartbeat === undefined) {
        stopHeartbeat = startInterval(options, heartbeat, (options.heartbeatSeconds ?? 30) * 1000);
      } else if (event.type === 'run-done') {
        stop();
      }
    },
    close: stop,
  };
}
