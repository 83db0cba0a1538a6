import { spawn } from 'node:child_process';
import { cliPath, type CliRun } from './run-cli.js';

/**
 * Starts the real CLI in its own process group, without a display, as a CI job would, so that a
 * test can signal parascad alone (`pid`) or its whole group (`-pid`). `output()` is what it has
 * printed so far, to wait for a phase before signalling.
 */
export function startCliDetached(
  args: readonly string[],
  cwd: string,
): { pid: number; output: () => string; done: Promise<CliRun> } {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', CI: 'true' };
  delete env['DISPLAY'];
  delete env['WAYLAND_DISPLAY'];
  const child = spawn(process.execPath, [cliPath, ...args], {
    cwd,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const done = new Promise<CliRun>((resolve) => {
    child.on('close', (code, signal) => {
      resolve({ code, signal, stdout, stderr });
    });
  });
  return { pid: child.pid ?? 0, output: () => stdout + stderr, done };
}
