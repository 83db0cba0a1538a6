import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Writable } from 'node:stream';
import { currentRunMark, runMarkName } from './process-marks.js';

/**
 * The watchdog's program, for `/bin/sh`. It reads `+pgid`/`-pgid` lines on stdin for the process
 * groups parascad starts and ends; when stdin closes — parascad exited, or was killed outright,
 * even with SIGKILL — it kills the groups still listed and (Linux) every process carrying the
 * run's mark (`grep -z` over `/proc/<pid>/environ`: the entries are NUL-separated), again until
 * none is left, then exits. A shell, not Node: it starts in a millisecond, where a Node watchdog
 * cost ~100 ms of CPU while the run planned its first parts.
 */
const watchdogScript = [
  "trap '' INT TERM HUP",
  'mark="$1=$2"',
  "groups=' '",
  'while IFS= read -r line; do',
  '  case $line in',
  '    +*) groups="$groups${line#+} " ;;',
  '    -*)',
  '      group=${line#-}',
  '      case $groups in *" $group "*) groups="${groups%%" $group "*} ${groups#*" $group "}" ;; esac',
  '      ;;',
  '  esac',
  'done',
  'for group in $groups; do kill -s KILL -- "-$group" 2>/dev/null; done',
  'round=0',
  'while [ "$round" -lt 20 ]; do',
  '  pids=$(grep -lzxF -- "$mark" /proc/[0-9]*/environ 2>/dev/null | sed \'s,^/proc/\\([0-9]*\\)/environ$,\\1,\')',
  '  [ -z "$pids" ] && break',
  '  kill -s KILL $pids 2>/dev/null',
  '  round=$((round + 1))',
  'done',
].join('\n');

let watchdog: ChildProcessByStdio<Writable, null, null> | undefined;

/**
 * Tells the orphan watchdog about a process group parascad started (`pgid`) or that ended
 * (`-pgid`), starting the watchdog with the first. One watchdog per parascad process: a small
 * detached shell, in its own session so that a kill of parascad's process group (a CI
 * cancel) does not reach it, holding the read end of a pipe only parascad writes to. A parent-death
 * signal (`prctl(PR_SET_PDEATHSIG)`) would reach only the direct child — not `Xvfb` under
 * `xvfb-run`, nor a helper that detached — and does not exist on macOS, where the watchdog still
 * kills the process groups it was told about.
 */
export function watchForOrphans(pgid: number): void {
  if (process.platform === 'win32') return;
  if (pgid < 0) {
    // An ended group only needs forgetting: said with the next start, or within a second. Each
    // write wakes the watchdog, and small parts end many times a second.
    if (watchdog === undefined) return;
    endedGroups.push(-pgid);
    flushTimer ??= setTimeout(tellEnded, 1000).unref();
    return;
  }
  startOrphanWatchdog();
  watchdog?.stdin.write(`${endedLines()}+${pgid}\n`);
}

/**
 * Starts the watchdog ahead of the first part (once per process), so that its Node start-up
 * overlaps planning rather than the first renders; elsewhere than on POSIX, nothing.
 */
export function startOrphanWatchdog(): void {
  if (process.platform === 'win32') return;
  watchdog ??= startWatchdog();
}

let endedGroups: number[] = [];
let flushTimer: NodeJS.Timeout | undefined;

function endedLines(): string {
  clearTimeout(flushTimer);
  flushTimer = undefined;
  const lines = endedGroups.map((group) => `-${group}\n`).join('');
  endedGroups = [];
  return lines;
}

function tellEnded(): void {
  const lines = endedLines();
  if (lines !== '') watchdog?.stdin.write(lines);
}

function startWatchdog(): ChildProcessByStdio<Writable, null, null> {
  const child = spawn(
    '/bin/sh',
    ['-c', watchdogScript, 'watchdog', runMarkName, currentRunMark()],
    {
      stdio: ['pipe', 'ignore', 'ignore'],
      detached: true,
    },
  );
  child.on('error', () => undefined);
  child.stdin.on('error', () => undefined);
  // Neither the watchdog nor its pipe keeps parascad alive; the pipe closes when parascad ends.
  child.unref();
  (child.stdin as unknown as { unref?: () => void }).unref?.();
  return child;
}
