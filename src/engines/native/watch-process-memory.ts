import { readFileSync } from 'node:fs';

export interface MemoryWatch {
  /** Stops watching; answers the peak resident memory seen, in bytes, when it could be read. */
  stop(): number | undefined;
}

export interface WatchProcessMemoryOptions {
  /** Called once when the process's resident memory goes over `limitBytes`. */
  readonly onExceeded: (usedBytes: number) => void;
  readonly limitBytes: number;
  /** @default 200 */
  readonly intervalMs?: number;
  /**
   * When the first sample is taken; a child gone sooner records no peak.
   * @default 50, or `intervalMs` if shorter
   */
  readonly firstSampleMs?: number;
}

/**
 * Follows a child's memory through Linux's `/proc/<pid>/status` (`VmHWM`, the peak resident size,
 * and `VmRSS`): it records each part's peak for the scheduler's memory budget, and stops a render
 * that would take the machine's memory before the OOM killer picks a victim. Elsewhere it
 * measures nothing and never stops anything.
 */
export function watchProcessMemory(pid: number, options: WatchProcessMemoryOptions): MemoryWatch {
  let peak: number | undefined;
  let exceeded = false;
  const sample = (): void => {
    const status = readStatus(pid);
    if (status === undefined) return;
    peak = Math.max(peak ?? 0, status.peakBytes);
    if (!exceeded && status.residentBytes > options.limitBytes) {
      exceeded = true;
      options.onExceeded(status.residentBytes);
    }
  };
  if (process.platform !== 'linux') return { stop: () => undefined };
  const intervalMs = options.intervalMs ?? 200;
  // Not at once: right after the spawn the child may still be the forked copy of parascad (its
  // resident size is parascad's), and reading its status then waits for its exec. Not at the
  // stop either: the child has been reaped by then, and its pid may already be another process's.
  let timer = setTimeout(
    () => {
      sample();
      timer = setInterval(sample, intervalMs);
      timer.unref();
    },
    options.firstSampleMs ?? Math.min(50, intervalMs),
  );
  timer.unref();
  return {
    stop: () => {
      clearTimeout(timer);
      return peak;
    },
  };
}

function readStatus(pid: number): { peakBytes: number; residentBytes: number } | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
  const kilobytes = (field: string): number | undefined => {
    const value = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1];
    return value === undefined ? undefined : Number(value) * 1024;
  };
  const resident = kilobytes('VmRSS');
  if (resident === undefined) return undefined;
  return { residentBytes: resident, peakBytes: kilobytes('VmHWM') ?? resident };
}
