import { spawn, type ChildProcess } from 'node:child_process';
import { BoundedText } from '../bounded-text.js';
import { killProcessTree, trackChild } from './kill-process-tree.js';

/** How a child process ended. */
export interface ProcessRun {
  /** Its exit code; null when it was killed or never started. */
  readonly exitCode: number | null;
  /** The signal that killed it. */
  readonly signal: NodeJS.Signals | null;
  /** Set when it could not be started. */
  readonly spawnError?: Error;
  /** Everything it printed, stdout and stderr interleaved as they arrived. */
  readonly console: string;
}

export interface RunProcessTreeOptions {
  readonly cwd?: string;
  /** Kills the process and everything it started, at once. */
  readonly signal: AbortSignal;
  /** Called once the child exists, e.g. to watch its memory; its return value is called when it ends. */
  readonly onStarted?: (child: ChildProcess) => (() => void) | undefined;
}

/**
 * Runs a program without a shell in its own process group, so that a cancel kills the whole tree,
 * and collects its output within bounds. Never rejects: a failure to start is part of the result.
 */
export function runProcessTree(
  command: string,
  args: readonly string[],
  options: RunProcessTreeOptions,
): Promise<ProcessRun> {
  return new Promise((resolve) => {
    const text = new BoundedText();
    const child = spawn(command, args, {
      ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: process.platform !== 'win32',
      windowsHide: true,
    });
    trackChild(child);
    const kill = (): void => {
      killProcessTree(child);
    };
    const stopWatching = options.onStarted?.(child);
    // The run may have been cancelled while the caller prepared it: a listener added now would
    // never fire.
    if (options.signal.aborted) kill();
    else options.signal.addEventListener('abort', kill, { once: true });
    const collect = (chunk: string): void => {
      text.append(chunk);
    };
    child.stdout.setEncoding('utf8').on('data', collect);
    child.stderr.setEncoding('utf8').on('data', collect);
    let spawnError: Error | undefined;
    child.on('error', (error) => (spawnError = error));
    child.on('close', (exitCode, signal) => {
      options.signal.removeEventListener('abort', kill);
      stopWatching?.();
      resolve({
        exitCode,
        signal,
        console: text.toString(),
        ...(spawnError === undefined ? {} : { spawnError }),
      });
    });
  });
}
