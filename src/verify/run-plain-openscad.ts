import { runProcessTree } from '../engines/native/run-process-tree.js';
import { timeoutSignal } from '../util/timeout-signal.js';

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
export async function runPlainOpenScad(
  binary: string,
  file: string,
  output: string,
  options: { readonly timeoutSeconds: number; readonly signal: AbortSignal },
): Promise<PlainRun> {
  const started = performance.now();
  const timeout = timeoutSignal(options.timeoutSeconds);
  const run = await runProcessTree(binary, ['-o', output, file], {
    signal: timeout === undefined ? options.signal : AbortSignal.any([options.signal, timeout]),
  });
  return {
    exitCode: run.exitCode,
    console:
      run.spawnError === undefined
        ? run.console
        : `${run.console}could not start ${binary}: ${run.spawnError.message}\n`,
    seconds: (performance.now() - started) / 1000,
    timedOut: timeout?.aborted === true,
  };
}
