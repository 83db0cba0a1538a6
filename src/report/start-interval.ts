import type { ReporterOptions } from './reporter.js';

/**
 * Runs `callback` every `milliseconds` with the reporter's timer (the injected one in tests) and
 * returns what stops it. The default timer is unref'd: a reporter that was never closed must not
 * keep the process alive after the run.
 */
export function startInterval(
  options: Pick<ReporterOptions, 'setInterval' | 'clearInterval'>,
  callback: () => void,
  milliseconds: number,
): () => void {
  if (options.setInterval !== undefined) {
    const timer = options.setInterval(callback, milliseconds);
    const clear = options.clearInterval;
    return () => {
      clear?.(timer);
    };
  }
  const timer = setInterval(callback, milliseconds);
  timer.unref();
  return () => {
    clearInterval(timer);
  };
}
