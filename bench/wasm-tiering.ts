/**
 * `npx tsx bench/wasm-tiering.ts [--parts 6] [--workers 1,2] [--part gear|cube] [--v8 'flags;flags']`:
 * per-part times of identical parts on the WASM engine, in the order they finish, for each worker
 * count — the first part of each worker against the steady ones (WebAssembly code tiering, worker
 * start-up) and one worker against two. The `gear` part is a helical MCAD gear (evaluation and
 * geometry, like a thread-heavy part); `cube` a one-cube part (the per-part overhead).
 *
 * `--v8` lists V8 flag sets separated by `;` (`''` is V8's default): V8 flags are per process, so
 * each set runs in a child process of its own. Besides wall times it reports CPU times, which a
 * loaded machine disturbs less (Linux only, from `/proc/self/task/<thread>/schedstat`): each
 * part's CPU in its worker thread (first against steady), and a part's share of the CPU of the
 * other threads (V8's compiler and GC threads, the main thread). Run after `npm run build`;
 * report ratios from one run.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { findLibraryPaths } from '../dist/discovery/find-library-paths.js';
import { createWasmEngine } from '../dist/engines/wasm/wasm-engine.js';

const { values } = parseArgs({
  options: {
    parts: { type: 'string', default: '6' },
    workers: { type: 'string', default: '1,2' },
    part: { type: 'string', default: 'gear' },
    v8: { type: 'string' },
  },
});

const load = (): string =>
  loadavg()
    .map((value) => value.toFixed(1))
    .join(' ');

if (values.v8 !== undefined) {
  // One child process a flag set, each timing every worker count.
  for (const flags of values.v8.split(';').map((set) => set.trim())) {
    console.log(`V8 flags: ${flags === '' ? '(default)' : flags}`);
    const child = spawnSync(
      process.execPath,
      [
        ...process.execArgv,
        ...flags.split(/\s+/).filter((flag) => flag !== ''),
        fileURLToPath(import.meta.url),
        ...['--parts', values.parts, '--workers', values.workers, '--part', values.part],
      ],
      { stdio: 'inherit' },
    );
    if (child.status !== 0) console.log(`  (exited ${String(child.status ?? child.signal)})`);
  }
} else {
  await timeParts();
}

function threadIds(): string[] {
  return readdirSync('/proc/self/task');
}

/** CPU seconds the given threads of this process have run (threads that ended count 0). */
function threadCpu(ids: Iterable<string>): number {
  let nanoseconds = 0;
  for (const id of ids) {
    try {
      nanoseconds += Number(readFileSync(`/proc/self/task/${id}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // The thread ended.
    }
  }
  return nanoseconds / 1e9;
}

async function timeParts(): Promise<void> {
  const parts = Number(values.parts);
  const dir = await mkdtemp(join(tmpdir(), 'parascad-tiering-'));
  const libraryPaths = findLibraryPaths({});
  const gears = libraryPaths
    .map((folder) => join(folder, 'MCAD', 'involute_gears.scad'))
    .slice(0, 1);
  const gear = values.part === 'gear';
  await writeFile(
    join(dir, 'part.scad'),
    gear
      ? 'use <MCAD/involute_gears.scad>\ngear(number_of_teeth = 40, circular_pitch = 300, gear_thickness = 6, rim_thickness = 6, hub_thickness = 10, hub_diameter = 12, bore_diameter = 5, twist = 30, $fn = 48);\n'
      : 'cube(2);\n',
  );
  console.log(`  load average ${load()}; ${parts} ${values.part} parts`);
  try {
    for (const workers of values.workers.split(',').map(Number)) {
      const started = performance.now();
      const threadsBefore = new Set(threadIds());
      const cpuAtStart = threadCpu(threadsBefore);
      const engine = await createWasmEngine({ threads: workers });
      const ready = performance.now();
      // Threads started since are the engine's worker threads (libuv's pool already ran); they
      // are looked up each time, as a pool may start them late.
      const workerThreads = (): string[] => threadIds().filter((id) => !threadsBefore.has(id));
      let workerCpu = 0;
      const runs = await Promise.all(
        Array.from({ length: parts }, async (_, index) => {
          const scratchDir = join(dir, `scratch-${workers}-${index}`);
          await mkdir(scratchDir, { recursive: true });
          const run = await engine.run({
            program: { file: join(dir, 'part.scad'), defines: [] },
            scratchDir,
            outputs: [{ format: 'stl', tempPath: join(dir, `out-${workers}-${index}.stl`) }],
            inputFiles: [join(dir, 'part.scad'), ...(gear ? gears : [])],
            libraryPaths,
            signal: new AbortController().signal,
            memoryLimitBytes: 4 * 1024 ** 3,
          });
          // With one worker, the CPU its thread spent since the previous part is this part's.
          const cpuNow = threadCpu(workerThreads());
          const cpuSeconds = cpuNow - workerCpu;
          workerCpu = cpuNow;
          return {
            seconds: run.seconds,
            cpuSeconds,
            ok: run.exitCode === 0,
            end: performance.now(),
          };
        }),
      );
      workerCpu = threadCpu(workerThreads());
      const otherCpu = threadCpu(threadsBefore) - cpuAtStart;
      await engine.close();
      const wall = (performance.now() - started) / 1000;
      runs.sort((a, b) => a.end - b.end);
      const steady = runs.slice(workers).map((run) => run.seconds);
      const first = runs.slice(0, workers).map((run) => run.seconds);
      const mean = (list: number[]): number =>
        list.reduce((sum, value) => sum + value, 0) / Math.max(1, list.length);
      const failed = runs.filter((run) => !run.ok).length;
      // Long runs list only the first and the mean of the steady parts.
      const list = (values: number[]): string =>
        values.length <= 12 ? `${values.map((value) => value.toFixed(3)).join(' ')} s; ` : '';
      const times = `${list(runs.map((run) => run.seconds))}${failed === 0 ? '' : `${failed} failed; `}`;
      const cpuTimes =
        workers === 1
          ? `; worker CPU a part ${list(runs.map((run) => run.cpuSeconds))}first ${(runs[0]?.cpuSeconds ?? 0).toFixed(3)} s vs steady ${mean(runs.slice(1).map((run) => run.cpuSeconds)).toFixed(3)} s`
          : `; worker CPU ${(workerCpu / parts).toFixed(3)} s a part`;
      console.log(
        `  ${workers} worker${workers === 1 ? '' : 's'}: engine ready ${((ready - started) / 1000).toFixed(2)} s; parts ${times}first ${mean(first).toFixed(3)} s vs steady ${mean(steady).toFixed(3)} s (${(mean(first) / mean(steady)).toFixed(2)}×); wall ${wall.toFixed(2)} s${cpuTimes}; other threads ${(otherCpu / parts).toFixed(3)} s a part; load ${load()}`,
      );
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
