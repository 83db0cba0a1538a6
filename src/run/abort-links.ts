import { ParascadError } from '../errors.js';

/**
 * Runs `then` when the signal aborts, or now if it already has. Returns what removes the
 * listener: a signal that outlives the work (`watch`'s, across its rounds) must not keep one per
 * round (Node warns from the eleventh on).
 */
export function whenAborted(signal: AbortSignal | undefined, then: () => void): () => void {
  if (signal === undefined) return () => undefined;
  if (signal.aborted) {
    then();
    return () => undefined;
  }
  signal.addEventListener('abort', then, { once: true });
  return () => {
    signal.removeEventListener('abort', then);
  };
}

/**
 * `work`, unless one of the signals aborts first: then a `ParascadError` with code `CANCELLED`.
 * For the phases before any part starts (planning, finding and probing engines, reading inputs),
 * which may wait long on a slow file system or a slow engine: a stop must not wait for them. What
 * `work` was doing is left to finish unobserved; it starts no part.
 */
export async function beforeAnyPart<T>(
  work: Promise<T>,
  ...signals: readonly (AbortSignal | undefined)[]
): Promise<T> {
  const given = signals.filter((signal): signal is AbortSignal => signal !== undefined);
  if (given.length === 0) return work;
  const cancelled = (): ParascadError =>
    new ParascadError('CANCELLED', 'stopped before any part started');
  if (given.some((signal) => signal.aborted)) {
    work.catch(() => undefined);
    throw cancelled();
  }
  const any = AbortSignal.any(given);
  let stop: (() => void) | undefined;
  const stopped = new Promise<never>((_resolve, reject) => {
    stop = () => {
      reject(cancelled());
    };
    any.addEventListener('abort', stop, { once: true });
  });
  try {
    return await Promise.race([work, stopped]);
  } finally {
    if (stop !== undefined) any.removeEventListener('abort', stop);
    work.catch(() => undefined);
    stopped.catch(() => undefined);
  }
}
