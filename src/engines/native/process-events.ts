/**
 * What a started process reports, in this order: `started` (unless it could not be started),
 * `output` as it prints, `exited` (or `failed`), then `closed`.
 */
export interface ProcessEvents {
  /** It runs, as the leader of its own process group. */
  readonly started: (pid: number) => void;
  /** Something it printed, stdout and stderr interleaved. */
  readonly output: (chunk: string) => void;
  /** It could not be started; `closed` follows. */
  readonly failed: (error: Error) => void;
  /** It ended; its output may still be held open by what it started. */
  readonly exited: (exitCode: number | null, signal: NodeJS.Signals | null) => void;
  /** Its output closed: everything that held it ended or let go, or it was abandoned. */
  readonly closed: (exitCode: number | null, signal: NodeJS.Signals | null) => void;
}

/** A program to start, marked with `partMark` in its environment. */
export interface StartRequest {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string | undefined;
  readonly partMark: string;
  /** Variables it gets beside parascad's own environment (names of letters, digits and `_`). */
  readonly env?: Readonly<Record<string, string>>;
}

/** A started process, seen from the side that reads its output. */
export interface StartedProcess {
  /** Stops waiting for output that a process nobody could find still holds open. */
  readonly abandonOutput: () => void;
}
