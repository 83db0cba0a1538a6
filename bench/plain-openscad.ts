import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { partInvocation } from '../dist/engines/part-invocation.js';
import type { RenderJob } from '../dist/plan/render-job.js';
import { partProgram } from '../dist/plan/part-program.js';

export interface PlainTiming {
  readonly part: string;
  readonly seconds: number;
  readonly ok: boolean;
}

/**
 * The baseline: the same parts rendered one file after another by plain `openscad`, through the
 * same program parascad runs (and its `-D` definitions), one process per output file as the
 * classic renderer and a person at a shell do. A part's time is the sum of its files'.
 */
export async function renderWithPlainOpenScad(
  binary: string,
  jobs: readonly RenderJob[],
  outDir: string,
): Promise<PlainTiming[]> {
  const timings: PlainTiming[] = [];
  for (const job of jobs) {
    const scratchDir = await mkdtemp(join(tmpdir(), 'parascad-bench-'));
    const { main, files, defineArgs } = partInvocation(
      { file: job.scadFile, ...partProgram(job) },
      scratchDir,
    );
    for (const file of files) await writeFile(file.path, file.text);
    try {
      let seconds = 0;
      let ok = true;
      for (const output of job.outputs) {
        const started = performance.now();
        const file = join(outDir, `${job.name}.${output.format}`);
        ok = (await run(binary, ['-o', file, ...defineArgs, main])) && ok;
        seconds += (performance.now() - started) / 1000;
      }
      timings.push({ part: job.name, seconds, ok });
    } finally {
      await rm(scratchDir, { recursive: true, force: true });
    }
  }
  return timings;
}

function run(binary: string, args: readonly string[]): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(binary, args, { stdio: 'ignore' });
    child.on('error', () => {
      resolve(false);
    });
    child.on('close', (code) => {
      resolve(code === 0);
    });
  });
}
