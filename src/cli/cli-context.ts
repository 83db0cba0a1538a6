/** What a command gets from the process around it (injected, so tests can run commands in-process). */
export interface CliContext {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly color: boolean;
  /** Whether stdout is a terminal (live progress) or a pipe, file or CI log (plain lines). */
  readonly isTTY: boolean;
  /** The terminal's width, when it is one. */
  readonly columns?: number | undefined;
  /** Aborted on the first Ctrl-C: no more parts start, running ones finish. */
  readonly stopSignal: AbortSignal;
  /** Aborted on the second Ctrl-C or SIGTERM: running parts are stopped now. */
  readonly signal: AbortSignal;
  /** Where the command leaves its exit code. */
  setExitCode(code: number): void;
}
