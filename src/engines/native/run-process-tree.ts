import { BoundedText } from '../bounded-text.js';
import {
  endedUnchecked,
  killLeftovers,
  killProcessTree,
  processEnded,
  processGroupHasMembers,
  trackProcess,
  untrackProcess,
} from './kill-process-tree.js';
import { canLaunch, launchProcess } from './launch-process.js';
import type { ProcessEvents, StartRequest, StartedProcess } from './process-events.js';
import { newPartMark } from './process-marks.js';
import { spawnDirectly } from './spawn-directly.js';

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
  /** Variables the program gets beside parascad's own environment. */
  readonly env?: Readonly<Record<string, string>>;
  /** Kills the process and everything it started, at once. */
  readonly signal: AbortSignal;
  /**
   * Called once the program runs, with its pid (e.g. to watch its memory) and a function that
   * kills its whole tree; its return value is called when it ends.
   */
  readonly onStarted?: (pid: number, kill: () => void) => (() => void) | undefined;
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
  /**
   * Start it with Node's own `spawn` even where the launcher could (tests compare the two).
   * @default false
   */
  readonly spawnDirectly?: boolean;
}

/**
 * Runs a program in its own process group, so that a cancel kills the whole tree, and collects
 * its output within bounds. Never rejects: a failure to start is part of the result. On Linux the
 * launcher starts it (one bash for all parts, see `launch-process.ts`), elsewhere Node's `spawn`;
 * either way the arguments reach it as given, without a shell's interpretation.
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
    const child = { pid: undefined as number | undefined, ended: false };
    let killWanted = false;
    const kill = (): void => {
      killWanted = true;
      if (child.pid !== undefined) killProcessTree(child, partMark);
    };
    options.signal.addEventListener('abort', kill, { once: true });
    let stopWatching: (() => void) | undefined;
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
      untrackProcess(child);
      stopWatching?.();
      resolve({
        ...ended,
        console: text.toString(),
        ...(spawnError === undefined ? {} : { spawnError }),
      });
    };
    const events: ProcessEvents = {
      started: (pid) => {
        child.pid = pid;
        trackProcess(child, partMark);
        stopWatching = options.onStarted?.(pid, kill);
        // Cancelled while the caller prepared it, or before the launcher said it runs.
        if (killWanted || options.signal.aborted) kill();
      },
      output: (chunk) => {
        text.append(chunk);
      },
      failed: (error) => {
        spawnError = error;
      },
      exited: (exitCode, signal) => {
        child.ended = true;
        processEnded(child);
        ended = { exitCode, signal };
        const pid = child.pid;
        if (pid === undefined) return;
        // The part is over: nothing it started may outlive it (or keep its output open).
        // Looking through every process's environment costs a millisecond or more of this
        // thread, and longer while other engines are starting (reading a process's environment
        // waits for its memory map): it is done only when something is seen left over — a
        // member of the process group now, or something that still holds the output a moment
        // later. A detached helper that closed it is found by `sweepEndedParts` when the engine
        // closes, and by the orphan watchdog when parascad exits.
        if (processGroupHasMembers(pid)) {
          killLeftovers(pid, partMark);
        } else {
          endedUnchecked(partMark);
          leftoverTimer = setTimeout(() => {
            killLeftovers(pid, partMark);
          }, options.leftoverCheckMs ?? 100);
        }
        drainTimer = setTimeout(() => {
          started.abandonOutput();
          settle();
        }, options.drainMs ?? 2000);
      },
      closed: (exitCode, signal) => {
        ended ??= { exitCode, signal };
        settle();
      },
    };
    const request: StartRequest = {
      command,
      args,
      cwd: options.cwd,
      partMark,
      ...(options.env === undefined ? {} : { env: options.env }),
    };
    const started = startProcess(request, events, options.spawnDirectly === true);
  });
}

/**
 * Starts the program through the launcher where it can, else (or when the launcher cannot be
 * started: no temporary folder to hold its FIFOs) with Node's spawn.
 */
function startProcess(
  request: StartRequest,
  events: ProcessEvents,
  direct: boolean,
): StartedProcess {
  if (!direct && canLaunch(request)) {
    try {
      return launchProcess(request, events);
    } catch {
      // Fall through to Node's spawn.
    }
  }
  return spawnDirectly(request, events);
}
