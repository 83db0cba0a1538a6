import { readdirSync, readFileSync } from 'node:fs';

/**
 * The process ids whose environment holds `name=value`, read from `/proc/<pid>/environ` (Linux).
 * A process that left its parent's process group (`setsid`, a double fork) keeps the environment
 * it was started with, so this finds descendants that walking process groups or parent ids
 * misses. Empty where there is no `/proc`; processes of other users are not readable and skipped.
 */
export function findMarkedProcesses(name: string, value: string): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  const needle = Buffer.from(`${name}=${value}\0`);
  const found: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (pid === process.pid) continue;
    let environ: Buffer;
    try {
      environ = readFileSync(`/proc/${entry}/environ`);
    } catch {
      continue;
    }
    if (
      environ.indexOf(needle) === 0 ||
      environ.includes(Buffer.concat([Buffer.from([0]), needle]))
    )
      found.push(pid);
  }
  return found;
}
