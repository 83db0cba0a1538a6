import { spawn, type ChildProcess } from 'node:child_process';
import { BoundedText } from '../bounded-text.js';
import {
  endedUnchecked,
  killLeftovers,
  killProcessTree,
  processGroupHasMembers,
  trackChild,
} from './kill-process-tree.js';
import { currentRunMark, newPartMark, partMarkName, runMarkName } from './process-marks.js';

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
  /**
   * Called once the child exists, e.g. to watch its memory, with a function that kills its whole
   * tree; its return value is called when it ends.
   */
  readonly onStarted?: (child: ChildProcess, kill: () => void) => (() => void) | undefined;
  /**
   * How long to wait for the output pipes to close once the process has ended, before giving up
   * on what a descendant that could not be found still holds open.
   * @default 2000
   */
  readonly drainMs?: number;
  /**
   * How long the output pipes may stay open after the process ended before whatever holds them
   * is looked for by its mark and killed.
   * @default 100
   */
  readonly leftoverCheckMs?: number;
}

/**
 * Runs a program without a shell in its own process group, so that a cancel kills the whole tree,
 * and collects its output within bounds. Never rejects: a failure to start is part of the result.
 *
 * Every process of the run carries a mark in its environment. When the program ends (or is
 * killed), whatever it left behind is killed too — including helpers that left the process group
 * with `setsid` or a double fork and would otherwise hold the output pipes open forever — and the
 * result does not wait for pipes beyond `drainMs`.
 */
export function runProcessTree(
  command: string,
  args: readonly string[],
  options: RunProcessTreeOptions,
): Promise<ProcessRun> {
  return new Promise((resolve) => {
    const text = new BoundedText();
    const partMark = newPartMark();
    const child = spawn(command, args, {
      ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
      env: { ...process.env, [runMarkName]: currentRunMark(), [partMarkName]: partMark },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: process.platform !== 'win32',
      windowsHide: true,
    });
    trackChild(child, partMark);
    const kill = (): void => {
      killProcessTree(child, partMark);
    };
    const stopWatching = options.onStarted?.(child, kill);
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
    let drainTimer: NodeJS.Timeout | undefined;
    let leftoverTimer: NodeJS.Timeout | undefined;
    let ended: { exitCode: number | null; signal: NodeJS.Signals | null } | undefined;
    let settled = false;
    const settle = (): void => {
      if (settled || ended === undefined) return;
      settled = true;
      clearTimeout(drainTimer);
      clearTimeout(leftoverTimer);
      options.signal.removeEventListener('abort', kill);
      stopWatching?.();
      resolve({
        ...ended,
        console: text.toString(),
        ...(spawnError === undefined ? {} : { spawnError }),
      });
    };
    child.on('error', (error) => (spawnError = error));
    child.on('exit', (exitCode, signal) => {
      ended = { exitCode, signal };
      // The part is over: nothing it started may outlive it (or keep its pipes open). Looking
      // through every process's environment costs a millisecond or more of this thread, and
      // longer while other engines are starting (reading a process's environment waits for its
      // memory map): it is done only when something is seen left over — a member of the process
      // group now, or something that still holds the pipes a moment later. A detached helper
      // that closed them is found by `sweepEndedParts` when the engine closes, and by the
      // orphan watchdog when parascad exits.
      if (child.pid !== undefined && processGroupHasMembers(child.pid)) {
        killLeftovers(child.pid, partMark);
      } else {
        endedUnchecked(partMark);
        leftoverTimer = setTimeout(() => {
          if (child.pid !== undefined) killLeftovers(child.pid, partMark);
        }, options.leftoverCheckMs ?? 100);
      }
      drainTimer = setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
        settle();
      }, options.drainMs ?? 2000);
    });
    child.on('close', (exitCode, signal) => {
      ended ??= { exitCode, signal };
      settle();
    });
  });
}
