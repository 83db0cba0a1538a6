import { ConfigError, type ParascadError } from '../errors.js';
import type { RunEvent } from './run-event.js';

/** The `run-error` event of a setup error, for programs that read the run's events. */
export function runErrorEvent(error: ParascadError): Extract<RunEvent, { type: 'run-error' }> {
  return {
    type: 'run-error',
    error: {
      code: error.code,
      message: error.message,
      ...(error.hint === undefined ? {} : { hint: error.hint }),
      problems: error instanceof ConfigError ? error.problems : [],
    },
  };
}
