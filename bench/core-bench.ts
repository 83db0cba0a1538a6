/**
 * `npm run bench`: what parallelism and the engines buy on one machine, as ratios from one run.
 *
 * 1. The example project rendered one file after another by plain `openscad` (one process per
 *    output file, as the classic renderer did), against parascad with the native engine on every core.
 * 2. The same parts on the WASM engine, one worker (per-part engine comparison) and every core.
 * 3. `auto` on a warm history, and a generated script-heavy project on both engines, which is
 *    where the `auto` rule's exception comes from.
 * 4. The shared 16-part gearbox corpus (MCAD, `../shared/bench/gearbox`) on the WASM engine with
 *    one worker and with every core, when it is there: more WASM work than the example.
 *
 * Options: `--project DIR` (default examples/desk-organizer), `--gearbox DIR`, `--jobs N`
 * (default: CPUs).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { discoverProject } from '../dist/discovery/discover-project.js';
import { planJobs } from '../dist/plan/plan-jobs.js';
import { render, type RunSummary } from '../dist/index.js';
import { renderWithPlainOpenScad, type PlainTiming } from './plain-openscad.js';
import { writeScriptHeavyProject } from './script-heavy-project.js';

const { values } = parseArgs({
  options: {
    project: { type: 'string', default: 'examples/desk-organizer' },
    jobs: { type: 'string', default: String(availableParallelism()) },
    gearbox: { type: 'string', default: '../shared/bench/gearbox' },
  },
});
const jobs = Number(values.jobs);
const source = resolve(values.project);
const openscad = spawnSync('openscad', ['--version'], { encoding: 'utf8' });
const hasNative = openscad.status === 0;
const lines: string[] = [];
const say = (text = ''): void => {
  console.log(text);
  lines.push(text);
};

/** A fresh copy of the project, so that every scenario starts with no history and no outputs. */
async function freshCopy(from = source): Promise<string> {
  const folder = join(await mkdtemp(join(tmpdir(), 'parascad-bench-')), 'project');
  await cp(from, folder, {
    recursive: true,
    filter: (path) => !/[\\/](outputs|\.parascad)$/.test(path),
  });
  return folder;
}

async function parascad(
  folder: string,
  engine: 'native' | 'wasm' | 'auto',
  workers: number,
  file = 'project.scad',
): Promise<RunSummary> {
  const summary = await render({ cwd: folder, file, engine, jobs: workers, cache: false });
  if (summary.failed > 0) throw new Error(`${summary.failed} parts failed with --engine ${engine}`);
  return summary;
}

const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}×`;
const seconds = (value: number): string => `${value.toFixed(2)}s`;
const total = (timings: readonly PlainTiming[]): number =>
  timings.reduce((sum, timing) => sum + timing.seconds, 0);
const timeOf = (summary: RunSummary, part: string): number =>
  summary.results.find((result) => result.job.name === part)?.seconds ?? Number.NaN;

say(`# parascad benchmark — ${new Date().toISOString()}`);
say(
  `machine: ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}), node ${process.version}; workers: ${jobs}`,
);
say(`project: ${source}`);
say();

const project = await discoverProject({ cwd: source, file: 'project.scad' });
const planned = planJobs(project, { outDir: join(source, 'outputs'), projectDir: source });
say(
  `${planned.length} parts, ${planned.reduce((sum, job) => sum + job.outputs.length, 0)} output files`,
);

let plainPerFormat: PlainTiming[] = [];
let native: RunSummary | undefined;
if (hasNative) {
  const folder = await freshCopy();
  const copied = planJobs(await discoverProject({ cwd: folder, file: 'project.scad' }), {
    outDir: join(folder, 'plain'),
    projectDir: folder,
  });
  await mkdir(join(folder, 'plain'));
  console.log('… plain openscad, one process per output file');
  plainPerFormat = await renderWithPlainOpenScad('openscad', copied, join(folder, 'plain'));
  const broken = plainPerFormat.filter((timing) => !timing.ok).map((timing) => timing.part);
  if (broken.length > 0) throw new Error(`plain openscad failed on ${broken.join(', ')}`);
  console.log(`… parascad --engine native -j ${jobs}`);
  native = await parascad(folder, 'native', jobs);
} else {
  say('native openscad not found: native scenarios skipped');
}

console.log('… parascad --engine wasm -j 1');
const wasmFolder = await freshCopy();
const wasmOne = await parascad(wasmFolder, 'wasm', 1);
console.log(`… parascad --engine wasm -j ${jobs} (history from the run before)`);
const wasmAll = await parascad(wasmFolder, 'wasm', jobs);
console.log(`… parascad --engine auto -j ${jobs} (history from the runs before)`);
const auto = await parascad(wasmFolder, 'auto', jobs);

say();
say('## Per part (seconds)');
say(
  `| part | plain openscad (native), file by file | parascad native -j ${jobs} | parascad wasm -j 1 | plain / wasm |`,
);
say('| --- | ---: | ---: | ---: | ---: |');
for (const job of planned) {
  const plain = plainPerFormat.find((timing) => timing.part === job.name)?.seconds;
  const wasm = timeOf(wasmOne, job.name);
  const cells = [
    `${job.name} (${job.outputs.map((output) => output.format).join(', ')})`,
    plain === undefined ? '–' : seconds(plain),
    native === undefined ? '–' : seconds(timeOf(native, job.name)),
    seconds(wasm),
    plain === undefined ? '–' : ratio(plain, wasm),
  ];
  say(`| ${cells.join(' | ')} |`);
}

say();
say('## Whole project (ratios from this run)');
if (native !== undefined) {
  const plain = total(plainPerFormat);
  say(`- plain openscad, one file after another: ${seconds(plain)}`);
  say(
    `- parascad native -j ${jobs}: wall ${seconds(native.wallSeconds)} → **${ratio(plain, native.wallSeconds)}** faster than plain openscad; its parts took ${seconds(native.partSeconds)} in all (speed-up from the workers ${native.speedup.toFixed(2)}×; no schedule beats ${seconds(lowerBound(native, jobs))})`,
  );
  say(
    `- parascad wasm -j ${jobs}: wall ${seconds(wasmAll.wallSeconds)} → **${ratio(plain, wasmAll.wallSeconds)}** faster than plain openscad, ${ratio(native.wallSeconds, wasmAll.wallSeconds)} faster than parascad native -j ${jobs}`,
  );
  say(
    `- engines on the same parts, one at a time: plain native ${seconds(plain)} vs wasm ${seconds(wasmOne.partSeconds)} (sum of parts) → wasm **${ratio(plain, wasmOne.partSeconds)}** faster`,
  );
}
say(
  `- parascad wasm -j 1 → -j ${jobs}: wall ${seconds(wasmOne.wallSeconds)} → ${seconds(wasmAll.wallSeconds)}, ${ratio(wasmOne.wallSeconds, wasmAll.wallSeconds)} (no schedule beats ${seconds(lowerBound(wasmAll, jobs))}, plus starting the workers)`,
);
say(`- auto -j ${jobs}: wall ${seconds(auto.wallSeconds)}; engines chosen: ${countEngines(auto)}`);

if (hasNative) {
  console.log('… script-heavy project on both engines, then auto');
  const heavy = join(await mkdtemp(join(tmpdir(), 'parascad-bench-heavy-')), 'project');
  await writeScriptHeavyProject(heavy);
  const onNative = await parascad(heavy, 'native', 1);
  const onWasm = await parascad(heavy, 'wasm', 1);
  const heavyAuto = await parascad(heavy, 'auto', 1);
  say();
  say('## Script-heavy parts (generated: much evaluation, little geometry)');
  say('| part | native | wasm | wasm/native | auto picked |');
  say('| --- | ---: | ---: | ---: | --- |');
  for (const result of onNative.results) {
    const name = result.job.name;
    const wasm = timeOf(onWasm, name);
    const picked = heavyAuto.results.find((other) => other.job.name === name)?.engine ?? '?';
    say(
      `| ${name} | ${seconds(result.seconds)} | ${seconds(wasm)} | ${ratio(wasm, result.seconds)} | ${picked} |`,
    );
  }
}

const gearbox = resolve(values.gearbox);
if (existsSync(join(gearbox, 'gearbox.scad'))) {
  console.log('… gearbox corpus on wasm, 1 worker then every core');
  const folder = await freshCopy(gearbox);
  const one = await parascad(folder, 'wasm', 1, 'gearbox.scad');
  const all = await parascad(folder, 'wasm', jobs, 'gearbox.scad');
  say();
  say(`## Gearbox corpus (${one.results.length} parts, MCAD), wasm engine`);
  say(
    `- -j 1: wall ${seconds(one.wallSeconds)} (parts ${seconds(one.partSeconds)}); -j ${jobs}: wall ${seconds(all.wallSeconds)} → **${ratio(one.wallSeconds, all.wallSeconds)}** from the workers (no schedule beats ${seconds(lowerBound(all, jobs))})`,
  );
}

const resultsFolder = resolve('bench/results');
await mkdir(resultsFolder, { recursive: true });
const report = join(resultsFolder, `core-${new Date().toISOString().replace(/[:.]/g, '-')}.md`);
await writeFile(report, `${lines.join('\n')}\n`);
console.log(`\nreport written to ${report}`);

/** No schedule beats the longest part or the total work spread over every worker. */
function lowerBound(summary: RunSummary, workers: number): number {
  const longest = Math.max(...summary.results.map((result) => result.seconds));
  return Math.max(longest, summary.partSeconds / workers);
}

function countEngines(summary: RunSummary): string {
  const counts = new Map<string, number>();
  for (const result of summary.results)
    counts.set(result.engine, (counts.get(result.engine) ?? 0) + 1);
  return [...counts].map(([engine, count]) => `${engine} ${count}`).join(', ');
}
