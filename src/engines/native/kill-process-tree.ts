import { spawn } from 'node:child_process';
import { findMarkedProcesses } from './find-marked-processes.js';
import { partMarkName } from './process-marks.js';
import { watchForOrphans } from './orphan-watchdog.js';

/**
 * A process parascad started in its own process group (whose id is its pid), however it was
 * started: its pid once known, and whether it has ended (been reaped), after which the pid may
 * belong to another process and is never signalled.
 */
export interface RunningProcess {
  readonly pid: number | undefined;
  readonly ended: boolean;
}

const running = new Map<RunningProcess, string>();
let exitHookInstalled = false;

/**
 * Starts tracking a started process marked with `partMark` in its environment, so that
 * {@link killProcessTree} reaches everything it started, and so that it never outlives parascad:
 * when parascad exits, and — through the orphan watchdog — when it is killed outright. Call
 * {@link processEnded} when it has ended and {@link untrackProcess} once its output closed.
 */
export function trackProcess(child: RunningProcess, partMark: string): void {
  running.set(child, partMark);
  if (child.pid !== undefined) watchForOrphans(child.pid);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const [orphan, mark] of running) killProcessTree(orphan, mark);
    });
  }
}

/** Tells the orphan watchdog that a tracked process's group needs no more watching. */
export function processEnded(child: RunningProcess): void {
  if (child.pid !== undefined) watchForOrphans(-child.pid);
}

/** Stops tracking a process whose part is over. */
export function untrackProcess(child: RunningProcess): void {
  running.delete(child);
}

/**
 * Kills a started process and everything it started, at once: its process group, and (Linux)
 * every process carrying the part's mark, which reaches descendants that left the group
 * (`setsid`, a double fork).
 */
export function killProcessTree(child: RunningProcess, partMark: string): void {
  const pid = child.pid;
  if (pid !== undefined && !child.ended) {
    if (process.platform === 'win32') {
      spawn('taskkill', ['/pid', String(pid), '/T', '/F'], { stdio: 'ignore', windowsHide: true });
      return;
    }
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Gone meanwhile.
      }
    }
  }
  killMarkedProcesses(partMarkName, partMark);
}

/**
 * Whether anything is left in the process group `pgid` (the group of a child started with
 * `detached: true`, whose id is the child's pid): one signal-0 probe, no `/proc` scan.
 */
export function processGroupHasMembers(pgid: number): boolean {
  if (process.platform === 'win32') return false;
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    // EPERM: a member exists but is not ours to signal (it changed its user).
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Kills what an ended part left behind: its process group, and every process with its mark. */
export function killLeftovers(pgid: number, partMark: string): void {
  uncheckedMarks.delete(partMark);
  if (process.platform === 'win32') return;
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    // The group is empty: only processes that left it can be left.
  }
  killMarkedProcesses(partMarkName, partMark);
}

/** Marks of parts that ended with nothing seen left over: their environments were not searched. */
const uncheckedMarks = new Set<string>();
/** Searched for together once this many parts ended unchecked, so that the set stays small. */
const uncheckedLimit = 256;

/**
 * Records a part that ended with an empty process group and closed pipes, so that a detached
 * helper that closed them too (a daemon) is still found, by {@link sweepEndedParts}.
 */
export function endedUnchecked(partMark: string): void {
  uncheckedMarks.add(partMark);
  if (uncheckedMarks.size >= uncheckedLimit) sweepEndedParts();
}

/**
 * Kills every process still carrying the mark of a part that already ended, in one search of the
 * process table: what {@link endedUnchecked} parts left behind. Processes of running parts carry
 * other marks and are not touched.
 */
export function sweepEndedParts(): number {
  if (uncheckedMarks.size === 0) return 0;
  const marks = new Set(uncheckedMarks);
  uncheckedMarks.clear();
  return killMarkedProcesses(partMarkName, marks);
}

/**
 * SIGKILLs every process whose environment holds `name=value` (for any of `values`), again until
 * none is left (one may fork while the first ones die). A killed process's environment reads
 * empty, so it is not found twice.
 */
export function killMarkedProcesses(name: string, value: string | ReadonlySet<string>): number {
  let killed = 0;
  for (let round = 0; round < 20; round++) {
    const pids = findMarkedProcesses(name, value);
    if (pids.length === 0) break;
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
        killed += 1;
      } catch {
        // Gone meanwhile, or not ours.
      }
    }
  }
  return killed;
}
