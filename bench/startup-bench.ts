/**
 * `npm run bench:startup`: how soon parascad answers and how soon it starts rendering, against
 * bare Node, in one run. Each round runs every command once, interleaved, so that a change of the
 * machine's load hits all of them alike; the tables give medians and the differences to
 * `node -e 0` within this run (the targets: `--version`, `--help` and `list` within 100 ms of it,
 * the first part started within 250 ms of launch).
 *
 * - Start-up: wall and CPU time (user + system, all threads) of `--version`, `--help` and `list`
 *   of examples/desk-organizer through `bin/parascad.js` (the bundled CLI), and `list` through
 *   the unbundled tsc output (`dist/cli/run-cli.js`), to show what the bundle saves. Beside them,
 *   the floor that the chosen libraries set: a bundle of only commander, yaml and zod (bundled as
 *   the CLI bundles them) that defines a command, parses a YAML line and checks it with a schema.
 * - First part: from spawning `parascad render --json --no-cache --engine <engine>` on a fresh
 *   copy of examples/desk-organizer to the first `run-start` and `part-start` lines on stdout.
 *   The run is then stopped (SIGTERM): what comes after is the engines' work, which the engine
 *   benchmarks measure. Twice per engine: a project never rendered, and one rendered before (a
 *   copy of the example whose `.parascad/` holds one earlier run's render times and what the
 *   native binary answered), as a project is on every run after its first.
 *
 *   npm run bench:startup -- [--rounds 9] [--engines native,wasm,auto]
 */
import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { nodeBundleOptions } from '../scripts/node-bundle-options.js';

const cli = fileURLToPath(new URL('../bin/parascad.js', import.meta.url));
const unbundledEntry = pathToFileURL(
  fileURLToPath(new URL('../dist/cli/run-cli.js', import.meta.url)),
).href;
const example = fileURLToPath(new URL('../examples/desk-organizer', import.meta.url));

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '9' },
    engines: { type: 'string', default: 'native,wasm,auto' },
  },
});
const rounds = Number(values.rounds);
const engines = values.engines.split(',').filter((item) => item !== '');

const work = await mkdtemp(join(tmpdir(), 'parascad-startup-bench-'));
/** The tsc output's CLI, run as bin/parascad.js ran it before the bundle. */
const unbundledBin = join(work, 'unbundled-bin.mjs');
await writeFile(
  unbundledBin,
  `import { runCli } from ${JSON.stringify(unbundledEntry)};\nawait runCli();\n`,
);

/**
 * The libraries `list` cannot do without (arguments, YAML with line numbers, schema validation),
 * bundled alone as scripts/build-cli.ts bundles them, each used once.
 */
const librariesOnly = join(work, 'libraries-only.mjs');
await build({
  stdin: {
    contents: [
      "import { Command } from '@commander-js/extra-typings';",
      "import { parseDocument } from 'yaml';",
      "import * as z from 'zod';",
      "new Command('list').option('--json').parse(['node', 'list']);",
      "const document = parseDocument('files:\\n  - path: part.scad\\n');",
      'z.object({ files: z.array(z.object({ path: z.string() })) }).parse(document.toJS());',
    ].join('\n'),
    resolveDir: fileURLToPath(new URL('..', import.meta.url)),
  },
  ...nodeBundleOptions,
  outfile: librariesOnly,
});

/**
 * Loaded with `--import` into a measured process: at exit, the main thread writes the process's
 * CPU time (ms, all threads) to the file named by the environment.
 */
const cpuReporter = `data:text/javascript,${encodeURIComponent(
  [
    "import { writeFileSync } from 'node:fs';",
    "import { isMainThread } from 'node:worker_threads';",
    "if (isMainThread) process.on('exit', () => {",
    '  const cpu = process.cpuUsage();',
    '  writeFileSync(process.env.PARASCAD_BENCH_CPU_FILE, `${(cpu.user + cpu.system) / 1000}`);',
    '});',
  ].join('\n'),
)}`;

interface Timed {
  readonly wallMs: number;
  readonly cpuMs: number;
}

/** Runs `node --import <cpu reporter> <args>` in `cwd` to its end. */
async function timeCommand(args: readonly string[], cwd: string): Promise<Timed> {
  const cpuFile = join(work, 'cpu');
  const started = performance.now();
  const child = spawn(process.execPath, [`--import=${cpuReporter}`, ...args], {
    cwd,
    env: { ...process.env, PARASCAD_BENCH_CPU_FILE: cpuFile, NO_COLOR: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  const wallMs = performance.now() - started;
  if (code !== 0) throw new Error(`node ${args.join(' ')} exited with ${code}: ${stderr}`);
  const cpuMs = Number(await readFile(cpuFile, 'utf8'));
  await rm(cpuFile);
  return { wallMs, cpuMs };
}

/**
 * Launches a render with `--json` and answers how many ms after the spawn each of the first
 * `run-start` and `part-start` lines arrived; then stops the run.
 */
async function timeFirstPart(
  engine: string,
  source: string,
): Promise<{ runStart: number; partStart: number }> {
  const project = await mkdtemp(join(work, 'project-'));
  await cp(source, project, { recursive: true, filter: (path) => !/[/\\]outputs$/.test(path) });
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [cli, 'render', '--json', '--no-cache', '--engine', engine],
    { cwd: project, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const seen = new Map<string, number>();
  let pending = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    const now = performance.now() - started;
    pending += chunk;
    for (let end = pending.indexOf('\n'); end !== -1; end = pending.indexOf('\n')) {
      const line = pending.slice(0, end);
      pending = pending.slice(end + 1);
      const type = /^\{"type":"([^"]+)"/.exec(line)?.[1];
      if (type !== undefined && !seen.has(type)) seen.set(type, now);
      if (type === 'part-start') child.kill('SIGTERM');
    }
  });
  await new Promise<void>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', () => {
      resolve();
    });
  });
  await rm(project, { recursive: true, force: true });
  const runStart = seen.get('run-start');
  const partStart = seen.get('part-start');
  if (runStart === undefined || partStart === undefined) {
    throw new Error(`render --engine ${engine} started no part: ${stderr}`);
  }
  return { runStart, partStart };
}

function median(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

const load = (): string =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');

/** A copy of the example with no `.parascad/`, and one rendered before (two of its parts). */
const fresh = join(work, 'fresh');
await cp(example, fresh, {
  recursive: true,
  filter: (path) => !/[/\\](outputs|\.parascad)$/.test(path),
});
const renderedBefore = join(work, 'rendered-before');
await cp(fresh, renderedBefore, { recursive: true });
if (engines.length > 0) {
  await timeCommand(
    [cli, 'render', 'felt_pad', 'pocket_label', '--engine', engines[0] ?? 'auto', '-q'],
    renderedBefore,
  );
}
const projects = [
  { label: 'never rendered', dir: fresh },
  { label: 'rendered before', dir: renderedBefore },
];

const commands: { label: string; args: readonly string[] }[] = [
  { label: '`node -e 0`', args: ['-e', '0'] },
  { label: 'commander, yaml and zod alone, bundled (the floor)', args: [librariesOnly] },
  { label: '`parascad --version`', args: [cli, '--version'] },
  { label: '`parascad --help`', args: [cli, '--help'] },
  { label: '`parascad list` (desk-organizer)', args: [cli, 'list'] },
  { label: '`parascad list`, unbundled (tsc output)', args: [unbundledBin, 'list'] },
];

console.log(`parascad start-up (${new Date().toISOString()}), load average ${load()}`);
const wall = commands.map(() => [] as number[]);
const cpu = commands.map(() => [] as number[]);
const firstParts = engines.flatMap((engine) =>
  projects.map((project) => ({
    engine,
    project,
    runStarts: [] as number[],
    partStarts: [] as number[],
  })),
);
for (let round = 0; round < rounds; round++) {
  for (const [index, command] of commands.entries()) {
    const timed = await timeCommand(command.args, example);
    wall[index]?.push(timed.wallMs);
    cpu[index]?.push(timed.cpuMs);
  }
  for (const row of firstParts) {
    const first = await timeFirstPart(row.engine, row.project.dir);
    row.runStarts.push(first.runStart);
    row.partStarts.push(first.partStart);
  }
}

const baseWall = median(wall[0] ?? []);
const baseCpu = median(cpu[0] ?? []);
console.log(`\n### start-up (median of ${rounds} interleaved rounds)\n`);
console.log('| command | wall (ms) | over `node -e 0` | CPU (ms) | over `node -e 0` |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const [index, command] of commands.entries()) {
  const wallMs = median(wall[index] ?? []);
  const cpuMs = median(cpu[index] ?? []);
  console.log(
    `| ${command.label} | ${wallMs.toFixed(0)} | ${(wallMs - baseWall).toFixed(0)} | ${cpuMs.toFixed(0)} | ${(cpuMs - baseCpu).toFixed(0)} |`,
  );
}
if (engines.length > 0) {
  console.log(`\n### first part after launch (median of ${rounds} rounds, desk-organizer)\n`);
  console.log(
    '| command | project | `run-start` (ms) | first `part-start` (ms) | over `node -e 0` |',
  );
  console.log('| --- | --- | ---: | ---: | ---: |');
  for (const row of firstParts) {
    const partStart = median(row.partStarts);
    console.log(
      `| \`parascad render --json --no-cache --engine ${row.engine}\` | ${row.project.label} | ${median(row.runStarts).toFixed(0)} | ${partStart.toFixed(0)} | ${(partStart - baseWall).toFixed(0)} |`,
    );
  }
}
console.log(`\nload average at the end: ${load()}`);
await rm(work, { recursive: true, force: true });
