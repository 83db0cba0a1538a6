/**
 * `npm run bench`: parascad against plain OpenSCAD on several workloads, side by side in one run,
 * as ratios to the first row (plain `openscad`, one program after another). `--quick` runs a
 * subset in about a minute on a quiet 2-core machine.
 *
 * Rows: plain `openscad` one after another; `xargs -P <cores>` of plain `openscad`; parascad
 * `--engine native`, `--engine wasm` and `--engine auto` (each after one untimed run, so that the
 * recorded part times order the parts as in everyday use); the best schedule of each engine's
 * measured part times (exact up to 20 parts, else the lower bound); and a no-op re-run once
 * parascad has a cache (`--no-cache` in its help).
 *
 * Writes `bench/results.json` and `bench/results.md` (or `--out DIR`); the README's numbers come
 * from them. Options: `--quick`, `--jobs N` (default: CPUs), `--only a,b` (workload names).
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { bestScheduleSeconds } from '../dist/bench/best-schedule-seconds.js';
import { formatSuiteTable, type SuiteRow, type SuiteWorkload } from './format-suite-table.js';
import { parascadRun, plainSequential, plainXargs, type ParascadRun } from './run-rows.js';
import { debianExamples, gearbox, skewedBatch, tinyParts, type Workload } from './workloads.js';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    jobs: { type: 'string', default: String(availableParallelism()) },
    only: { type: 'string' },
    out: { type: 'string', default: 'bench' },
    gearbox: { type: 'string', default: '../shared/bench/gearbox' },
    examples: { type: 'string', default: '/usr/share/openscad/examples' },
  },
});
const quick = values.quick;
const workers = Number(values.jobs);
const hasNative = spawnSync('openscad', ['--version']).status === 0;
const cliHelp = spawnSync(process.execPath, ['bin/parascad.js', 'render', '--help'], {
  encoding: 'utf8',
}).stdout;
const hasCache = cliHelp.includes('--no-cache');
const noCache = hasCache ? ['--no-cache'] : [];
const root = await mkdtemp(join(tmpdir(), 'parascad-suite-'));
const loadAtStart = loadavg();
const startedAt = new Date().toISOString();

const log = (text: string): void => {
  process.stderr.write(`${text}\n`);
};

const builders: Record<string, () => Promise<Workload | undefined>> = {
  tiny: () => tinyParts(root, quick ? 100 : 500),
  skewed: () => skewedBatch(root, quick ? 12 : 30),
  gearbox: () => gearbox(root, resolve(values.gearbox)),
  ...(quick || !hasNative ? {} : { examples: () => debianExamples(root, values.examples) }),
};
const selected = values.only?.split(',') ?? Object.keys(builders);

const results: SuiteWorkload[] = [];
try {
  for (const name of selected) {
    const build = builders[name];
    if (build === undefined) continue;
    const workload = await build();
    if (workload === undefined) {
      log(`${name}: not found here, skipped`);
      continue;
    }
    log(`${workload.name}: ${workload.description}`);
    results.push(await measure(workload, quick && name === 'gearbox'));
  }
} finally {
  await rm(root, { recursive: true, force: true });
}

const report = {
  startedAt,
  quick,
  machine: {
    cpus: cpus().length,
    model: cpus()[0]?.model ?? 'unknown',
    node: process.version,
    loadAverageAtStart: loadAtStart,
    loadAverageAtEnd: loadavg(),
  },
  workers,
  workloads: results,
};
const markdown = formatSuiteTable(report);
await writeFile(join(values.out, 'results.json'), `${JSON.stringify(report, null, 2)}\n`);
await writeFile(join(values.out, 'results.md'), markdown);
process.stdout.write(markdown);

async function measure(workload: Workload, wasmOnly: boolean): Promise<SuiteWorkload> {
  const out = (row: string): string => join(root, `out-${workload.name}-${row}`);
  const rows: SuiteRow[] = [];
  const native = hasNative && !wasmOnly;
  if (native) {
    log('  plain openscad, one after another');
    rows.push({
      row: 'openscad, one after another',
      ...(await plainSequential(workload.programs, out('seq'))),
    });
    log(`  xargs -P ${workers} openscad`);
    rows.push({
      row: `xargs -P ${workers} openscad`,
      ...(await plainXargs(workload.programs, out('xargs'), workers)),
    });
  }
  const parascadRows: [string, ParascadRun][] = [];
  for (const engine of native ? (['native', 'wasm', 'auto'] as const) : (['wasm'] as const)) {
    if (engine !== 'auto') {
      log(`  parascad --engine ${engine} (untimed warm-up: records part times)`);
      await parascadRun(workload, engine, workers, out(`warm-${engine}`), noCache);
    }
    log(`  parascad --engine ${engine}`);
    const run = await parascadRun(workload, engine, workers, out(engine), noCache);
    parascadRows.push([engine, run]);
    const best = bestScheduleSeconds(run.partSeconds, run.concurrency);
    rows.push({
      row: `parascad --engine ${engine} -j ${workers}`,
      wallSeconds: run.wallSeconds,
      failed: run.failed,
      renderSeconds: run.renderSeconds,
      bestScheduleSeconds: best.seconds,
      bestScheduleExact: best.exact,
      engines: run.engines,
    });
  }
  for (const [engine, run] of parascadRows) {
    if (engine === 'auto') continue;
    const best = bestScheduleSeconds(run.partSeconds, run.concurrency);
    rows.push({
      row: `best schedule of the ${engine} part times (${best.exact ? 'exact' : 'lower bound'})`,
      wallSeconds: best.seconds,
      failed: 0,
    });
  }
  if (hasCache) {
    log('  parascad, no-op re-run (cache filled by one run first)');
    await parascadRun(workload, 'auto', workers, out('cached'));
    const run = await parascadRun(workload, 'auto', workers, out('cached'));
    rows.push({
      row: 'parascad, no-op re-run (everything cached)',
      wallSeconds: run.wallSeconds,
      failed: run.failed,
    });
  }
  return {
    name: workload.name,
    description: workload.description,
    parts: workload.programs.length,
    rows,
  };
}
