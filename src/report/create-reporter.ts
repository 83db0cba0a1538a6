import { unreachable } from '../util/unreachable.js';
import { createJsonReporter } from './json-reporter.js';
import { createLiveReporter } from './live-reporter.js';
import { createPlainReporter } from './plain-reporter.js';
import type { Reporter, ReporterFactory, ReporterOptions } from './reporter.js';

/** The reporters a run can have. */
export type ReporterName = 'live' | 'plain' | 'json';

/** Every reporter by name; `createReporter` picks one from the options. */
export const reporters: Readonly<Record<ReporterName, ReporterFactory>> = {
  live: createLiveReporter,
  plain: createPlainReporter,
  json: createJsonReporter,
};

/**
 * Which reporter the options call for. `auto` means `live` on an interactive terminal outside CI
 * and `plain` elsewhere; `quiet` never gets the live window, so it is `plain` too.
 */
export function chooseReporter(
  options: Pick<ReporterOptions, 'mode' | 'quiet' | 'isTTY' | 'isCI'>,
): ReporterName {
  switch (options.mode) {
    case 'json':
    case 'plain':
      return options.mode;
    case 'live':
      return options.quiet ? 'plain' : 'live';
    case 'auto':
      return options.isTTY && !options.isCI && !options.quiet ? 'live' : 'plain';
    default:
      return unreachable(options.mode);
  }
}

/** The reporter for a run, chosen by {@link chooseReporter}. */
export function createReporter(options: ReporterOptions): Reporter {
  return reporters[chooseReporter(options)](options);
}
