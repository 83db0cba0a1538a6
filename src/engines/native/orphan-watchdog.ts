import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Writable } from 'node:stream';
import { currentRunMark, runMarkName } from './process-marks.js';

/**
 * The watchdog's program. It reads `+pgid`/`-pgid` lines on stdin for the process groups parascad
 * starts and ends; when stdin closes — parascad exited, or was killed outright, even with SIGKILL
 * — it kills the groups still listed and (Linux) every process carrying the run's mark, then exits.
 * CommonJS, run with `node -e`, so that it needs no file of its own (parascad may be bundled).
 */
const watchdogSource = String.raw`
const { readdirSync, readFileSync } = require('node:fs');
const [name, value] = process.argv.slice(1);
const groups = new Set();
let pending = '';
const sweep = () => {
  for (const group of groups) { try { process.kill(-group, 'SIGKILL'); } catch {} }
  const needle = Buffer.from(name + '=' + value + '\0');
  for (let round = 0; round < 20; round++) {
    let found = 0;
    let entries = [];
    try { entries = readdirSync('/proc'); } catch {}
    for (const entry of entries) {
      if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
      let environ;
      try { environ = readFileSync('/proc/' + entry + '/environ'); } catch { continue; }
      if (environ.indexOf(needle) === 0 || environ.includes(Buffer.concat([Buffer.from([0]), needle]))) {
        try { process.kill(Number(entry), 'SIGKILL'); found++; } catch {}
      }
    }
    if (found === 0) break;
  }
  process.exit(0);
};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => {});
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  const lines = (pending + chunk).split('\n');
  pending = lines.pop();
  for (const line of lines) {
    const group = Number(line.slice(1));
    if (line[0] === '+') groups.add(group); else groups.delete(group);
  }
});
process.stdin.on('end', sweep);
process.stdin.on('error', sweep);
`;

let watchdog: ChildProcessByStdio<Writable, null, null> | undefined;

/**
 * Tells the orphan watchdog about a process group parascad started (`pgid`) or that ended
 * (`-pgid`), starting the watchdog with the first. One watchdog per parascad process: a small
 * detached Node process, in its own session so that a kill of parascad's process group (a CI
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
  const child = spawn(process.execPath, ['-e', watchdogSource, runMarkName, currentRunMark()], {
    stdio: ['pipe', 'ignore', 'ignore'],
    detached: true,
  });
  child.on('error', () => undefined);
  child.stdin.on('error', () => undefined);
  // Neither the watchdog nor its pipe keeps parascad alive; the pipe closes when parascad ends.
  child.unref();
  (child.stdin as unknown as { unref?: () => void }).unref?.();
  return child;
}
