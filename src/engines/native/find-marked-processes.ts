import { closeSync, openSync, readdirSync, readSync } from 'node:fs';

/** One buffer for every environment read: a scan reads a hundred files or more. */
let scratch = Buffer.allocUnsafe(64 * 1024);

/**
 * The process ids whose environment holds `name=value`, for any of `values`, read from
 * `/proc/<pid>/environ` (Linux) in one pass. A process that left its parent's process group
 * (`setsid`, a double fork) keeps the environment it was started with, so this finds descendants
 * that walking process groups or parent ids misses. Empty where there is no `/proc`; processes of
 * other users are not readable and skipped.
 */
export function findMarkedProcesses(name: string, values: string | ReadonlySet<string>): number[] {
  const wanted = typeof values === 'string' ? new Set([values]) : values;
  if (wanted.size === 0) return [];
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  const prefix = Buffer.from(`${name}=`);
  const found: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (pid === process.pid) continue;
    const environ = readEnviron(entry);
    if (environ === undefined) continue;
    const value = variableValue(environ, prefix);
    if (value !== undefined && wanted.has(value)) found.push(pid);
  }
  return found;
}

/** A process's environment, `NAME=value` entries each ended by a NUL; a view of the shared buffer. */
function readEnviron(pid: string): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(`/proc/${pid}/environ`, 'r');
  } catch {
    return undefined;
  }
  try {
    let length = 0;
    for (;;) {
      if (length === scratch.length) {
        const larger = Buffer.allocUnsafe(scratch.length * 2);
        scratch.copy(larger);
        scratch = larger;
      }
      const read = readSync(fd, scratch, length, scratch.length - length, null);
      if (read === 0) break;
      length += read;
    }
    return scratch.subarray(0, length);
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** The value of the variable that `prefix` (`NAME=`) starts, if the environment has it. */
function variableValue(environ: Buffer, prefix: Buffer): string | undefined {
  let at = environ.indexOf(prefix);
  while (at > 0 && environ[at - 1] !== 0) at = environ.indexOf(prefix, at + 1);
  if (at === -1) return undefined;
  const start = at + prefix.length;
  const end = environ.indexOf(0, start);
  return environ.toString('latin1', start, end === -1 ? environ.length : end);
}
