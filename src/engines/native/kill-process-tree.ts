import { spawn, type ChildProcess } from 'node:child_process';
import { findMarkedProcesses } from './find-marked-processes.js';
import { partMarkName } from './process-marks.js';
import { watchForOrphans } from './orphan-watchdog.js';

const running = new Map<ChildProcess, string>();
let exitHookInstalled = false;

/**
 * Starts tracking a child spawned with `detached: true` (its own process group on POSIX) and
 * marked with `partMark` in its environment, so that {@link killProcessTree} reaches everything
 * it started, and so that children never outlive parascad: when it exits, and — through the
 * orphan watchdog — when it is killed outright.
 */
export function trackChild(child: ChildProcess, partMark: string): void {
  running.set(child, partMark);
  if (child.pid !== undefined) watchForOrphans(child.pid);
  child.once('exit', () => {
    if (child.pid !== undefined) watchForOrphans(-child.pid);
  });
  child.once('close', () => running.delete(child));
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const [orphan, mark] of running) killProcessTree(orphan, mark);
    });
  }
}

/**
 * Kills a child and everything it started, at once: its process group, and (Linux) every process
 * carrying the part's mark, which reaches descendants that left the group (`setsid`, a double fork).
 */
export function killProcessTree(child: ChildProcess, partMark: string): void {
  const pid = child.pid;
  if (pid !== undefined && child.exitCode === null && child.signalCode === null) {
    if (process.platform === 'win32') {
      spawn('taskkill', ['/pid', String(pid), '/T', '/F'], { stdio: 'ignore', windowsHide: true });
      return;
    }
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      child.kill('SIGKILL');
    }
  }
  killMarkedProcesses(partMarkName, partMark);
}

/**
 * SIGKILLs every process whose environment holds `name=value`, again until none is left (one may
 * fork while the first ones die). A killed process's environment reads empty, so it is not found twice.
 */
export function killMarkedProcesses(name: string, value: string): number {
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
