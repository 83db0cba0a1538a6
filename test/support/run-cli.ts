import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The built command line, as users run it (`npm test` builds first). */
export const cliPath = fileURLToPath(new URL('../../bin/parascad.js', import.meta.url));

export interface CliRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

const started = new Set<ChildProcess>();

/**
 * Stops CLIs a failed or timed-out test left running. SIGTERM, not SIGKILL: parascad then stops
 * its own OpenSCAD children, which would otherwise outlive it.
 */
export function stopStartedClis(): void {
  for (const child of started) child.kill('SIGTERM');
  started.clear();
}

/** Starts the real CLI in a folder; `onStdout` sees output as it arrives (to send Ctrl-C at the right moment). */
export function startCli(
  args: readonly string[],
  cwd: string,
  onStdout?: (text: string, child: ChildProcess) => void,
  /** Variables added to (or, when undefined, removed from) the test's environment. */
  env: NodeJS.ProcessEnv = {},
): { child: ChildProcess; done: Promise<CliRun> } {
  const child = spawn(process.execPath, [cliPath, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.add(child);
  child.on('close', () => started.delete(child));
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    onStdout?.(stdout, child);
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const done = new Promise<CliRun>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      resolve({ code, signal, stdout, stderr });
    });
  });
  return { child, done };
}

/** Runs the real CLI to the end. */
export function runCli(
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): Promise<CliRun> {
  return startCli(args, cwd, undefined, env).done;
}
