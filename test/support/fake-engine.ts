import { readdirSync, readFileSync } from 'node:fs';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Writes a fake `openscad`: a shell script that answers `--version` and `--help` like Debian's
 * 2021.01, appends its process id to `pidFile` when it renders, then runs `behaviour` (shell).
 */
export async function writeFakeEngine(
  folder: string,
  name: string,
  behaviour: string,
): Promise<{ path: string; pidFile: string }> {
  const path = join(folder, name);
  const pidFile = join(folder, `${name}.pids`);
  await writeFile(
    path,
    [
      '#!/bin/sh',
      'case "$1" in',
      '  --version) echo "OpenSCAD version 2021.01"; exit 0;;',
      '  --help) echo "  -o arg  output file; the file extension specifies the type: stl, off, amf, 3mf, csg, dxf, svg, pdf, png, echo, ast, term, nef3, nefdbg"; exit 0;;',
      'esac',
      `echo $$ >> '${pidFile}'`,
      behaviour.replaceAll('PIDS', `'${pidFile}'`),
      '',
    ].join('\n'),
  );
  await chmod(path, 0o755);
  return { path, pidFile };
}

/** The process ids a fake engine (and helpers that wrote theirs there) recorded. */
export async function recordedPids(pidFile: string): Promise<number[]> {
  const text = await readFile(pidFile, 'utf8').catch(() => '');
  return text.split(/\s+/).filter(Boolean).map(Number);
}

/** Whether a process runs (a zombie waiting to be reaped does not count). */
export function isRunning(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** Processes whose environment carries the mark of the parascad with this process id. */
export function processesMarkedBy(parascadPid: number): { pid: number; command: string }[] {
  const needle = `PARASCAD_RUN=${parascadPid}-`;
  const found: { pid: number; command: string }[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const environ = readFileSync(`/proc/${entry}/environ`, 'latin1');
      if (!environ.split('\0').some((variable) => variable.startsWith(needle))) continue;
      found.push({
        pid: Number(entry),
        command: readFileSync(`/proc/${entry}/comm`, 'utf8').trim(),
      });
    } catch {
      // Gone meanwhile.
    }
  }
  return found.filter(({ pid }) => isRunning(pid));
}

/** Polls until `check` holds, for up to `seconds`. */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  seconds = 10,
): Promise<boolean> {
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((done) => setTimeout(done, 50));
  }
  return check();
}
