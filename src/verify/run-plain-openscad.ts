import { spawn } from 'node:child_process';
import { BoundedText } from '../engines/bounded-text.js';
import { killProcessTree, trackChild } from '../engines/native/kill-process-tree.js';

/** What plain `openscad FILE -o OUT` did. */
export interface PlainRun {
  readonly exitCode: number | null;
  readonly console: string;
  readonly seconds: number;
  readonly timedOut: boolean;
}

/**
 * Runs the binary the way a person does at a shell, with nothing of parascad's in between: the
 * baseline `verify-engines` compares parascad's engines against.
 */
export function runPlainOpenScad(
  binary: string,
  file: string,
  output: string,
  options: { readonly timeoutSeconds: number; readonly signal: AbortSignal },
): Promise<PlainRun> {
  const started = performance.now();
  return new Promise((resolve) => {
    const text = new BoundedText();
    const child = spawn(binary, ['-o', output, file], {
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: process.platform !== 'win32',
      windowsHide: true,
    });
    trackChild(child);
    let timedOut = false;
    const stop = (): void => {
      killProcessTree(child);
    };
    const timer = setTimeout(() => {
      timedOut = true;
      stop();
    }, options.timeoutSeconds * 1000);
    if (options.signal.aborted) stop();
    else options.signal.addEventListener('abort', stop, { once: true });
    const collect = (chunk: string): void => {
      text.append(chunk);
    };
    child.stdout.setEncoding('utf8').on('data', collect);
    child.stderr.setEncoding('utf8').on('data', collect);
    child.on('error', (error) => {
      text.append(`could not start ${binary}: ${error.message}\n`);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      options.signal.removeEventListener('abort', stop);
      resolve({
        exitCode: code,
        console: text.toString(),
        seconds: (performance.now() - started) / 1000,
        timedOut,
      });
    });
  });
}
