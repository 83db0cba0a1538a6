import pc from 'picocolors';
import { isCI } from 'std-env';
import { exitCodes } from './exit-codes.js';
import { main } from './main.js';

/**
 * The process around {@link main}: colours, and signals. The first Ctrl-C stops scheduling and lets
 * the running parts finish; the second (or SIGTERM) stops them now — their child processes and
 * worker threads are killed and no partial output is kept; a third exits at once.
 */
export async function runCli(): Promise<void> {
  const stop = new AbortController();
  const kill = new AbortController();
  const onInterrupt = (): void => {
    if (kill.signal.aborted) process.exit(exitCodes.interrupted);
    if (stop.signal.aborted) kill.abort();
    else stop.abort();
  };
  // At once, before the gentle stop: the run then says the parts are being stopped, not that
  // they may finish.
  const onTerminate = (): void => {
    kill.abort();
    stop.abort();
  };
  process.on('SIGINT', onInterrupt);
  process.on('SIGTERM', onTerminate);
  const color = pc.isColorSupported && !isCI && process.env['NO_COLOR'] === undefined;
  process.exitCode = await main(process.argv.slice(2), {
    cwd: process.cwd(),
    env: process.env,
    stdout: writerTo(process.stdout),
    stderr: writerTo(process.stderr),
    color,
    isTTY: process.stdout.isTTY,
    columns: process.stdout.columns,
    stopSignal: stop.signal,
    signal: kill.signal,
  });
  process.off('SIGINT', onInterrupt);
  process.off('SIGTERM', onTerminate);
  // Stopped: what the run left behind may still hold the event loop (a probe of a hung engine,
  // a read of a slow file system); the user asked parascad to end, so it ends now.
  if (stop.signal.aborted || kill.signal.aborted) process.exit();
}

/**
 * Writes to a standard stream until its reader goes away (`parascad render | head`): the run then
 * goes on quietly, since its outputs are files, instead of crashing on EPIPE.
 */
function writerTo(stream: NodeJS.WriteStream): (text: string) => void {
  let open = true;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    open = false;
  });
  return (text) => {
    if (open) stream.write(text);
  };
}
