import type { RunEvent } from '../run/run-event.js';

/**
 * Turns a run's events into output. `onEvent` gets every event in order; `close` ends what the
 * reporter keeps going between events (the heartbeat, the live window) and writes anything it
 * still holds. Call `close` once, after the last event or when the run threw.
 */
export interface Reporter {
  onEvent(event: RunEvent): void;
  close(): void;
}

/**
 * `auto` is `live` on an interactive terminal and `plain` elsewhere (a pipe, a file, CI); `json` is
 * one JSON object per event and line, for programs.
 */
export type ReporterMode = 'auto' | 'live' | 'plain' | 'json';

/** A repeating timer, as `setInterval` and `clearInterval` make one; injectable for tests. */
export type StartInterval = (callback: () => void, milliseconds: number) => unknown;

/** Everything a reporter needs: where to write, how, and what the terminal is. */
export interface ReporterOptions {
  readonly mode: ReporterMode;
  /**
   * Only failed and cancelled parts (with their diagnostics), warnings, the stopping notice and the
   * summary: no engine line, no heartbeat, no live window. The JSON reporter ignores it.
   */
  readonly quiet: boolean;
  /** Each part's engine choice as it starts, every diagnostic, and everything OpenSCAD printed. */
  readonly verbose: boolean;
  /** ANSI colours in the text reporters. */
  readonly color: boolean;
  /** Paths inside this folder are shown relative to it (not in JSON, where paths are as given). */
  readonly cwd: string;
  /** Where the report goes. */
  readonly stdout: (text: string) => void;
  /**
   * Where the JSON reporter tells a person at the terminal what an interrupt means, since its
   * stdout is for programs. The text reporters write everything to `stdout`, in order.
   */
  readonly stderr: (text: string) => void;
  /** Whether stdout is an interactive terminal. */
  readonly isTTY: boolean;
  /** Whether this runs in CI, where a terminal may claim to be interactive but nobody watches it. */
  readonly isCI: boolean;
  /**
   * Width of the terminal: the live window cuts its lines to it so they never wrap.
   * @default 80
   */
  readonly columns?: number;
  /**
   * The clock, in milliseconds, for elapsed times and the ETA.
   * @default performance.now
   */
  readonly now?: () => number;
  /**
   * Starts the heartbeat and the live window's redraw timer.
   * @default setInterval, unref'd so that a reporter never keeps the process alive
   */
  readonly setInterval?: StartInterval;
  /**
   * Stops a timer `setInterval` started.
   * @default clearInterval
   */
  readonly clearInterval?: (timer: unknown) => void;
  /**
   * Seconds between the plain reporter's progress lines while parts render.
   * @default 30
   */
  readonly heartbeatSeconds?: number;
  /**
   * The run's `--retries`: lets a retry line say which try of how many comes next (`2/3`).
   * Without it the line says `attempt 2`.
   */
  readonly retries?: number;
  /**
   * Registers what must happen however the process ends — a normal end, an error, a signal
   * turned into an exit, an uncaught exception — and returns how to unregister it: the live
   * reporter shows the cursor it hid.
   * @default a listener on the process's `exit` event
   */
  readonly onExit?: (listener: () => void) => () => void;
}

/** Makes a reporter; one per entry of the reporter registry. */
export type ReporterFactory = (options: ReporterOptions) => Reporter;
