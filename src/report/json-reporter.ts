import { describeStopping } from './describe-stopping.js';
import type { Reporter, ReporterOptions } from './reporter.js';

/**
 * Reports a run as NDJSON for programs: each of the library's `RunEvent`s serialised as it is,
 * one per line on stdout (`schema/parascad.events.schema.json` describes them), warnings included,
 * and nothing else there. A person who interrupts the run at a terminal is still told on stderr
 * what a second Ctrl-C does (or, after SIGTERM, that the running parts are stopped).
 */
export function createJsonReporter(options: ReporterOptions): Reporter {
  return {
    onEvent(event) {
      options.stdout(`${JSON.stringify(event)}\n`);
      if (event.type === 'stopping' && event.reason !== 'fail-fast' && event.running > 0) {
        options.stderr(`${describeStopping(event.reason, event.running)}\n`);
      }
    },
    close() {
      // Every line is written as its event arrives: nothing is held back.
    },
  };
}
