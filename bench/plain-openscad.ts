import { spawn } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
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
    const program = partProgram(job);
    const main =
      program.source === undefined
        ? job.scadFile
        : join(dirname(job.scadFile), `.bench-${job.module ?? 'part'}.scad`);
    if (program.source !== undefined) await writeFile(main, program.source);
    try {
      let seconds = 0;
      let ok = true;
      for (const output of job.outputs) {
        const started = performance.now();
        const file = join(outDir, `${job.name}.${output.format}`);
        const defines = program.defines.flatMap((definition) => ['-D', definition]);
        ok = (await run(binary, ['-o', file, ...defines, main])) && ok;
        seconds += (performance.now() - started) / 1000;
      }
      timings.push({ part: job.name, seconds, ok });
    } finally {
      if (program.source !== undefined) await rm(main, { force: true });
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
