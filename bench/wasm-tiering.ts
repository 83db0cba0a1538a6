/**
 * `npx tsx bench/wasm-tiering.ts [--parts 6] [--workers 1,2]`: per-part times of identical parts on
 * the WASM engine, in the order they finish, for each worker count — the first part of each worker
 * against the steady ones (WebAssembly code tiering, worker start-up) and one worker against two.
 * The part is a helical MCAD gear (evaluation and geometry, like a thread-heavy part). Run after
 * `npm run build`; report ratios from one run.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { findLibraryPaths } from '../dist/discovery/find-library-paths.js';
import { createWasmEngine } from '../dist/engines/wasm/wasm-engine.js';

const { values } = parseArgs({
  options: {
    parts: { type: 'string', default: '6' },
    workers: { type: 'string', default: '1,2' },
  },
});
const parts = Number(values.parts);
const dir = await mkdtemp(join(tmpdir(), 'parascad-tiering-'));
const libraryPaths = findLibraryPaths({});
const gears = libraryPaths.map((folder) => join(folder, 'MCAD', 'involute_gears.scad')).slice(0, 1);
await writeFile(
  join(dir, 'part.scad'),
  'use <MCAD/involute_gears.scad>\ngear(number_of_teeth = 40, circular_pitch = 300, gear_thickness = 6, rim_thickness = 6, hub_thickness = 10, hub_diameter = 12, bore_diameter = 5, twist = 30, $fn = 48);\n',
);
console.log(
  `load average ${loadavg()
    .map((value) => value.toFixed(1))
    .join(' ')}; ${parts} parts`,
);
try {
  for (const workers of values.workers.split(',').map(Number)) {
    const started = performance.now();
    const engine = await createWasmEngine({ threads: workers });
    const ready = performance.now();
    const signal = new AbortController().signal;
    const runs = await Promise.all(
      Array.from({ length: parts }, async (_, index) => {
        const scratchDir = join(dir, `scratch-${workers}-${index}`);
        await mkdir(scratchDir, { recursive: true });
        const run = await engine.run({
          program: { file: join(dir, 'part.scad'), defines: [] },
          scratchDir,
          outputs: [{ format: 'stl', tempPath: join(dir, `out-${workers}-${index}.stl`) }],
          inputFiles: [join(dir, 'part.scad'), ...gears],
          libraryPaths,
          signal,
          memoryLimitBytes: 4 * 1024 ** 3,
        });
        return { seconds: run.seconds, ok: run.exitCode === 0, end: performance.now() };
      }),
    );
    await engine.close();
    runs.sort((a, b) => a.end - b.end);
    const steady = runs.slice(workers).map((run) => run.seconds);
    const first = runs.slice(0, workers).map((run) => run.seconds);
    const mean = (list: number[]): number =>
      list.reduce((sum, value) => sum + value, 0) / Math.max(1, list.length);
    console.log(
      `${workers} worker${workers === 1 ? '' : 's'}: engine ready in ${((ready - started) / 1000).toFixed(2)}s; parts ${runs.map((run) => `${run.seconds.toFixed(2)}s${run.ok ? '' : ' (failed)'}`).join(' ')}; first ${mean(first).toFixed(2)}s vs steady ${mean(steady).toFixed(2)}s (${(mean(first) / mean(steady)).toFixed(2)}×); wall ${((performance.now() - started) / 1000).toFixed(2)}s`,
    );
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
