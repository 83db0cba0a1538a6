import type { Redis } from 'ioredis';

/**
 * Resolves once every one of the connections has been down (not `ready`) for `graceMs` in a row:
 * closing BullMQ's workers and queues waits for Redis, which may never come back. Checks four
 * times a second; `stop()` ends the watch (the returned promise then never resolves).
 */
export function untilUnreachable(
  connections: readonly Redis[],
  graceMs: number,
): { readonly unreachable: Promise<void>; readonly stop: () => void } {
  let timer: NodeJS.Timeout | undefined;
  const unreachable = new Promise<void>((resolve) => {
    let downSince: number | undefined;
    timer = setInterval(() => {
      const down = connections.every((client) => client.status !== 'ready');
      if (!down) {
        downSince = undefined;
        return;
      }
      downSince ??= Date.now();
      if (Date.now() - downSince >= graceMs) {
        clearInterval(timer);
        resolve();
      }
    }, 250);
  });
  return {
    unreachable,
    stop: () => {
      clearInterval(timer);
    },
  };
}
