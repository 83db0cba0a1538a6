/**
 * `npm run bench:memory`: parascad's own peak memory against the number of planned parts, and its
 * start-up against bare Node. On generated projects of N one-cube marked modules in 20 files
 * (the cache benchmark's project), it reports the peak resident set (VmHWM) of parascad's own
 * process for `list` and for `render --no-cache -j2` of those parts. The WASM engine's workers
 * are threads of that process, so they are counted; native OpenSCAD children are not. Then it
 * times `--version`, `--help` and `list` of examples/desk-organizer against `node -e 0`,
 * interleaved, as medians (wall and CPU time of the process) and differences within this one
 * run. Peak memory is steady on a busy machine; the times are not: read them as differences.
 *
 *   npm run bench:memory -- [--list 100,1000,10000] [--render 100,1000] [--engines native,wasm]
 *                           [--render-limit 300] [--startup-rounds 15]
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeMarkedModuleProject } from './marked-module-project.js';

const cli = fileURLToPath(new URL('../bin/parascad.js', import.meta.url));
const example = fileURLToPath(new URL('../examples/desk-organizer', import.meta.url));

const { values } = parseArgs({
  options: {
    list: { type: 'string', default: '100,1000,10000' },
    render: { type: 'string', default: '100,1000' },
    engines: { type: 'string', default: 'native,wasm' },
    'render-limit': { type: 'string', default: '300' },
    'startup-rounds': { type: 'string', default: '15' },
  },
});
const numbers = (text: string): number[] =>
  text
    .split(',')
    .filter((item) => item !== '')
    .map(Number);
const listSizes = numbers(values.list);
const renderSizes = numbers(values.render);
const engines = values.engines.split(',').filter((item) => item !== '');
const renderLimitSeconds = Number(values['render-limit']);
const startupRounds = Number(values['startup-rounds']);

/**
 * Loaded with `--import` into the measured process: at exit, the main thread writes its peak
 * resident set (kB) and its CPU time (ms, all threads) to the file named by the environment. Workers inherit the flag, hence the check.
 */
const peakReporter = `data:text/javascript,${encodeURIComponent(
  [
    "import { readFileSync, writeFileSync } from 'node:fs';",
    "import { isMainThread } from 'node:worker_threads';",
    "if (isMainThread) process.on('exit', () => {",
    "  const peak = /VmHWM:\\s*(\\d+)/.exec(readFileSync('/proc/self/status', 'utf8'));",
    '  const cpu = process.cpuUsage();',
    "  writeFileSync(process.env.PARASCAD_BENCH_PEAK_FILE, `${peak ? peak[1] : ''} ${(cpu.user + cpu.system) / 1000}`);",
    '});',
  ].join('\n'),
)}`;

interface Measured {
  readonly peakKiB: number;
  /** User and system CPU time of the whole process, steadier than wall time on a busy machine. */
  readonly cpuMs: number;
  readonly seconds: number;
  readonly code: number | null;
  readonly timedOut: boolean;
  readonly stderrTail: string;
}

/** Runs `node [--import reporter] <args>` in `cwd`, with stdout discarded as a pipe-less CI would. */
async function measure(
  args: readonly string[],
  cwd: string,
  limitSeconds = Infinity,
): Promise<Measured> {
  const peakFile = join(await mkdtemp(join(tmpdir(), 'parascad-peak-')), 'peak');
  const started = performance.now();
  const child = spawn(process.execPath, [`--import=${peakReporter}`, ...args], {
    cwd,
    env: { ...process.env, PARASCAD_BENCH_PEAK_FILE: peakFile },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-2000);
  });
  let timedOut = false;
  const timer = Number.isFinite(limitSeconds)
    ? setTimeout(() => {
        timedOut = true;
        child.kill('SIGINT');
      }, limitSeconds * 1000)
    : undefined;
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  clearTimeout(timer);
  const seconds = (performance.now() - started) / 1000;
  const [peakKiB, cpuMs] = (await readFile(peakFile, 'utf8').catch(() => 'NaN NaN'))
    .split(' ')
    .map(Number);
  await rm(peakFile, { force: true });
  return {
    peakKiB: peakKiB ?? NaN,
    cpuMs: cpuMs ?? NaN,
    seconds,
    code,
    timedOut,
    stderrTail: stderr.trim().split('\n').slice(-3).join(' / '),
  };
}

const mib = (kib: number): string => (kib / 1024).toFixed(0);

/** Rows of one command at each size, with what each further part costs between sizes. */
async function scaling(
  label: string,
  sizes: readonly number[],
  command: (size: number) => readonly string[],
  limitSeconds?: number,
): Promise<void> {
  console.log(`\n### ${label}\n`);
  console.log('| parts | peak RSS (MiB) | per further part (KiB) | wall (s) | exit |');
  console.log('| ---: | ---: | ---: | ---: | --- |');
  let previous: { size: number; peakKiB: number } | undefined;
  for (const size of sizes) {
    const folder = await project(size);
    const run = await measure(command(size), folder, limitSeconds);
    const perPart =
      previous === undefined || run.timedOut
        ? ''
        : ((run.peakKiB - previous.peakKiB) / (size - previous.size)).toFixed(1);
    const exit = run.timedOut
      ? `stopped after ${limitSeconds} s (peak so far)`
      : run.code === 0
        ? '0'
        : `${run.code}: ${run.stderrTail}`;
    console.log(
      `| ${size} | ${mib(run.peakKiB)} | ${perPart} | ${run.seconds.toFixed(1)} | ${exit} |`,
    );
    if (!run.timedOut) previous = { size, peakKiB: run.peakKiB };
    await rm(folder, { recursive: true, force: true });
  }
}

/** A fresh generated project of `size` parts: 20 files (fewer for tiny sizes). */
async function project(size: number): Promise<string> {
  const files = Math.min(20, size);
  const folder = join(await mkdtemp(join(tmpdir(), 'parascad-memory-bench-')), 'project');
  return writeMarkedModuleProject(folder, files, Math.ceil(size / files));
}

function median(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

/** Start-up: each command once per round, interleaved, so load changes hit all of them alike. */
async function startup(): Promise<void> {
  const commands: { label: string; args: readonly string[] }[] = [
    { label: '`node -e 0`', args: ['-e', '0'] },
    { label: '`parascad --version`', args: [cli, '--version'] },
    { label: '`parascad --help`', args: [cli, '--help'] },
    { label: '`parascad list` (desk-organizer)', args: [cli, 'list'] },
  ];
  const wall = commands.map(() => [] as number[]);
  const cpu = commands.map(() => [] as number[]);
  const peaks = commands.map(() => 0);
  for (let round = 0; round < startupRounds; round++) {
    for (const [index, command] of commands.entries()) {
      const run = await measure(command.args, example);
      if (run.code !== 0) throw new Error(`${command.label} failed: ${run.stderrTail}`);
      wall[index]?.push(run.seconds * 1000);
      cpu[index]?.push(run.cpuMs);
      peaks[index] = Math.max(peaks[index] ?? 0, run.peakKiB);
    }
  }
  const baseWall = median(wall[0] ?? []);
  const baseCpu = median(cpu[0] ?? []);
  console.log(`\n### start-up (median of ${startupRounds} interleaved rounds)\n`);
  console.log(
    '| command | wall (ms) | over `node -e 0` | ratio | CPU (ms) | over `node -e 0` | ratio | peak RSS (MiB) |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const [index, command] of commands.entries()) {
    const ms = median(wall[index] ?? []);
    const cpuMs = median(cpu[index] ?? []);
    console.log(
      `| ${command.label} | ${ms.toFixed(0)} | ${(ms - baseWall).toFixed(0)} | ${(ms / baseWall).toFixed(2)} | ${cpuMs.toFixed(0)} | ${(cpuMs - baseCpu).toFixed(0)} | ${(cpuMs / baseCpu).toFixed(2)} | ${mib(peaks[index] ?? NaN)} |`,
    );
  }
}

console.log(`parascad peak memory and start-up (${new Date().toISOString()})`);
if (listSizes.length > 0) {
  await scaling('`parascad list parts/*.scad`', listSizes, () => [cli, 'list', 'parts/*.scad']);
}
for (const engine of engines) {
  if (renderSizes.length === 0) break;
  await scaling(
    `\`parascad render parts/*.scad --no-cache --engine ${engine} -j 2\` (one-cube parts)`,
    renderSizes,
    () => [cli, 'render', 'parts/*.scad', '--no-cache', '--engine', engine, '-j', '2'],
    renderLimitSeconds,
  );
}
if (startupRounds > 0) await startup();
