import { Writable } from 'node:stream';
import { createLogUpdate } from 'log-update';
import { createLineFormatter } from './line-formatter.js';
import { formatLiveWindow } from './format-live-window.js';
import type { Reporter, ReporterOptions } from './reporter.js';
import { createRunProgress } from './run-progress.js';
import { startInterval } from './start-interval.js';

const hideCursor = '\u001B[?25l';
const showCursor = '\u001B[?25h';

/** The live window is redrawn at most this often. */
const frameMilliseconds = 100;

/**
 * Reports a run on an interactive terminal: the same stable lines as the plain reporter, printed
 * permanently, above a window at the bottom of the terminal that shows the run's progress (see
 * `formatLiveWindow`) and is redrawn every 100 ms while parts render. Lines that arrive between
 * two frames wait for the next one, so each frame is one write: erase the window, print the
 * lines, draw the window again. The window is erased before the summary, so what stays in the
 * terminal reads like the plain report.
 */
export function createLiveReporter(options: ReporterOptions): Reporter {
  const format = createLineFormatter(options);
  const now = options.now ?? (() => performance.now());
  const progress = createRunProgress(now);
  // A pseudo-terminal without a size reports 0 columns.
  const columns = options.columns !== undefined && options.columns > 0 ? options.columns : 80;

  // log-update writes its escapes here; each frame is collected and written to stdout at once.
  let frame = '';
  const terminal = Object.assign(
    new Writable({
      decodeStrings: false,
      write(chunk: string | Buffer, _encoding, done) {
        frame += String(chunk);
        done();
      },
    }),
    { columns },
  );
  // log-update hides the cursor only on a real TTY stream; this one is not, so the reporter hides
  // it itself and shows it again on every way out (see `finish` and `onExit`).
  const window = createLogUpdate(terminal, { showCursor: true, defaultWidth: columns });
  const onExit = options.onExit ?? onProcessExit;
  let unregisterExit: (() => void) | undefined;

  let waiting: string[] = [];
  let stopFrames: (() => void) | undefined;

  const writeFrame = (drawWindow: boolean): void => {
    frame = '';
    if (waiting.length > 0 || !drawWindow) window.clear();
    if (waiting.length > 0) frame += `${waiting.join('\n')}\n`;
    waiting = [];
    if (drawWindow)
      window(formatLiveWindow(progress.snapshot(), { color: options.color, columns }).join('\n'));
    if (frame !== '') options.stdout(frame);
  };

  const finish = (): void => {
    if (stopFrames === undefined) return;
    stopFrames();
    stopFrames = undefined;
    writeFrame(false);
    window.done();
    unregisterExit?.();
    unregisterExit = undefined;
    options.stdout(showCursor);
  };

  return {
    onEvent(event) {
      progress.apply(event);
      const lines = format(event);
      if (event.type === 'run-done') {
        finish();
        if (lines.length > 0) options.stdout(`${lines.join('\n')}\n`);
        return;
      }
      if (stopFrames !== undefined) {
        waiting.push(...lines);
        return;
      }
      if (lines.length > 0) options.stdout(`${lines.join('\n')}\n`);
      if (event.type === 'run-start') {
        options.stdout(hideCursor);
        unregisterExit = onExit(() => {
          options.stdout(showCursor);
        });
        stopFrames = startInterval(
          options,
          () => {
            writeFrame(true);
          },
          frameMilliseconds,
        );
        writeFrame(true);
      }
    },
    close: finish,
  };
}

/** Runs the listener when the process exits, however it exits short of SIGKILL. */
function onProcessExit(listener: () => void): () => void {
  process.once('exit', listener);
  return () => process.off('exit', listener);
}
