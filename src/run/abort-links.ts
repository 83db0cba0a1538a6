/** An abort controller that also aborts when the given signal does. */
export function linkedController(signal: AbortSignal | undefined): AbortController {
  const controller = new AbortController();
  whenAborted(signal, () => {
    controller.abort();
  });
  return controller;
}

/** Runs `then` when the signal aborts, or now if it already has. */
export function whenAborted(signal: AbortSignal | undefined, then: () => void): void {
  if (signal === undefined) return;
  if (signal.aborted) then();
  else signal.addEventListener('abort', then, { once: true });
}
