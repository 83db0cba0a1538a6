import { spawn, type ChildProcess } from 'node:child_process';

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

/**
 * Starts tracking a child spawned with `detached: true` (its own process group on POSIX), so that
 * {@link killProcessTree} reaches OpenSCAD's helpers too, and so that children never outlive
 * parascad even when it exits abruptly.
 */
export function trackChild(child: ChildProcess): void {
  running.add(child);
  child.once('close', () => running.delete(child));
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const orphan of running) killProcessTree(orphan);
    });
  }
}

/** Kills a child and everything it started, at once. */
export function killProcessTree(child: ChildProcess): void {
  const pid = child.pid;
  if (pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
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
