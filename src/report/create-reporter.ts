import { unreachable } from '../util/unreachable.js';
import type { Reporter, ReporterFactory, ReporterOptions } from './reporter.js';

/** The reporters a run can have. */
export type ReporterName = 'live' | 'plain' | 'json';

/**
 * Every reporter by name, loaded when chosen: the live window's terminal code (log-update and
 * its ANSI helpers, a sixth of what a render loads) is read only by runs that draw it.
 */
export const reporters: Readonly<Record<ReporterName, () => Promise<ReporterFactory>>> = {
  live: async () => (await import('./live-reporter.js')).createLiveReporter,
  plain: async () => (await import('./plain-reporter.js')).createPlainReporter,
  json: async () => (await import('./json-reporter.js')).createJsonReporter,
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

/** Loads the reporter the options call for ({@link chooseReporter}), to make one per run. */
export function loadReporter(
  options: Parameters<typeof chooseReporter>[0],
): Promise<ReporterFactory> {
  return reporters[chooseReporter(options)]();
}

/** The reporter for a run, chosen by {@link chooseReporter}. */
export async function createReporter(options: ReporterOptions): Promise<Reporter> {
  return (await loadReporter(options))(options);
}
