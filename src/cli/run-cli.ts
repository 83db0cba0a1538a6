import pc from 'picocolors';
import { isCI } from 'std-env';
import { exitCodes } from './exit-codes.js';
import { main } from './main.js';

/**
 * The process around {@link main}: colours, and signals. The first Ctrl-C (or SIGTERM) cancels the
 * run — running parts are killed, their child processes and worker threads with them, and no
 * partial output is kept; a second Ctrl-C exits at once.
 */
export async function runCli(): Promise<void> {
  const controller = new AbortController();
  const onSignal = (): void => {
    if (controller.signal.aborted) process.exit(exitCodes.interrupted);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const color = pc.isColorSupported && !isCI && process.env['NO_COLOR'] === undefined;
  process.exitCode = await main(process.argv.slice(2), {
    cwd: process.cwd(),
    env: process.env,
    stdout: writerTo(process.stdout),
    stderr: writerTo(process.stderr),
    color,
    signal: controller.signal,
  });
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
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
