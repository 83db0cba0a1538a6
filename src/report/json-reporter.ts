import { describeStopping } from './describe-stopping.js';
import { eventToJson } from './event-to-json.js';
import type { Reporter, ReporterOptions } from './reporter.js';

/**
 * Reports a run as NDJSON for programs: one JSON object per event and line on stdout (see
 * `JsonRunEvent`), warnings included, and nothing else there. A person who interrupts the run at
 * a terminal is still told on stderr what a second Ctrl-C does.
 */
export function createJsonReporter(options: ReporterOptions): Reporter {
  return {
    onEvent(event) {
      options.stdout(`${JSON.stringify(eventToJson(event, options))}\n`);
      if (event.type === 'stopping' && event.reason === 'interrupted' && event.running > 0) {
        options.stderr(`${describeStopping(event.reason, event.running)}\n`);
      }
    },
    close() {
      // Every line is written as its event arrives: nothing is held back.
    },
  };
}
