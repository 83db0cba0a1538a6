/**
 * Soak: one `parascad render` of many parts (default 520) with failures, traps, timeouts and
 * crashes mixed in at random (seeded), checked from the outside. Not a test: it is heavy (run it
 * with `nice`), and it reports numbers rather than timing anything.
 *
 *   nice -n 10 npx tsx scripts/soak.ts [--parts 520] [--seed 14] [--engine native|wasm] [--jobs 2]
 *
 * `native` runs a fake `openscad` (a shell script, through `--openscad`) that acts by the part's
 * kind: writes a small STL and echoes ~64 KB (ok), prints an ERROR and exits 1 (fail), aborts
 * itself with SIGABRT (trap) or SIGSEGV (crash), or sleeps past `--timeout` (slow) after starting
 * a helper that leaves its process group. `wasm` renders a real project on the embedded OpenSCAD:
 * echo loops, failed asserts, endless recursion (a real WebAssembly trap) and long loops.
 *
 * Checks: every part is reported exactly once with the status its kind must give, the summary's
 * counts add up to the parts, no process carrying the run's mark is left, no temporary file or
 * scratch folder is left, and only the parts that rendered have an output. Measures parascad's
 * resident memory when part 100 and when part 500 (or the last) were reported.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

type Kind = 'ok' | 'fail' | 'trap' | 'crash' | 'slow';

const { values } = parseArgs({
  options: {
    parts: { type: 'string', default: '520' },
    seed: { type: 'string', default: '14' },
    engine: { type: 'string', default: 'native' },
    jobs: { type: 'string', default: '2' },
    keep: { type: 'boolean', default: false },
  },
});
const partCount = Number(values.parts);
const engine = values.engine === 'wasm' ? 'wasm' : 'native';
const cli = fileURLToPath(new URL('../bin/parascad.js', import.meta.url));

/** A small deterministic generator (mulberry32), so a soak can be run again exactly. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const next = random(Number(values.seed));
const kinds: Kind[] = Array.from({ length: partCount }, () => {
  const draw = next();
  if (draw < 0.8) return 'ok';
  if (draw < 0.88) return 'fail';
  if (draw < 0.93) return 'trap';
  if (draw < 0.97) return 'crash';
  return 'slow';
});
// The wasm engine has no crash of its own: a crash there is a trap too.
if (engine === 'wasm') kinds.forEach((kind, index) => kind === 'crash' && (kinds[index] = 'trap'));

const root = await mkdtemp(join(tmpdir(), 'parascad-soak-'));
const project = join(root, 'project');
await mkdir(project);
const names = kinds.map((kind, index) => `${kind}_${index}`);
const body: Record<Kind, string> = {
  ok: '{ for (i = [0:800]) echo(str("soak line ", i, " of a chatty part")); cube(1); }',
  fail: '{ assert(false, "failing on purpose"); cube(1); }',
  trap: '{ spin(0); }',
  crash: '{ spin(0); }',
  slow: '{ cube(slow(0)); }',
};
await writeFile(
  join(project, 'project.scad'),
  [
    'module spin(n) { translate([n, 0, 0]) spin(n + 1); }',
    'function slow(n) = n > 3e7 ? 1 : slow(n + 1);',
    ...names.map(
      (name, index) => `module ${name}() //render.model.stl\n${body[kinds[index] ?? 'ok']}`,
    ),
    '',
  ].join('\n'),
);

const fakeEngine = join(root, 'fake-openscad');
await writeFile(
  fakeEngine,
  `#!/bin/sh
case "$1" in
  --version) echo "OpenSCAD version 2021.01"; exit 0;;
  --help) echo "  -o arg  output file; the file extension specifies the type: stl, off, amf, 3mf, csg, dxf, svg, pdf, png, echo, ast, term, nef3, nefdbg"; exit 0;;
esac
out=""; defs=""; prev=""
for a in "$@"; do
  case "$prev" in -o) out="$a";; -D) defs=$(echo "$a" | sed -n 's/^include <\\(.*\\)>$/\\1/p');; esac
  prev="$a"
done
kind=$(grep -o '\\(ok\\|fail\\|trap\\|crash\\|slow\\)_[0-9]*()' "$defs" | head -1 | cut -d_ -f1)
case "$kind" in
  ok) i=0; while [ $i -lt 800 ]; do echo "ECHO: \\"soak line $i of a chatty part\\""; i=$((i+1)); done
      printf 'solid x\\nfacet normal 0 0 1\\nouter loop\\nvertex 0 0 0\\nvertex 1 0 0\\nvertex 0 1 0\\nendloop\\nendfacet\\nendsolid x\\n' > "$out"; exit 0;;
  fail) echo "ERROR: Assertion 'false' failed: \\"failing on purpose\\" in file project.scad, line 3"; exit 1;;
  trap) kill -ABRT $$;;
  crash) kill -SEGV $$;;
  slow) ( setsid sh -c 'exec sleep 1000' & ); exec sleep 1000;;
esac
exit 3
`,
);
await chmod(fakeEngine, 0o755);

const args = [
  cli,
  'render',
  '--engine',
  engine,
  ...(engine === 'native' ? ['--openscad', fakeEngine] : []),
  '-j',
  values.jobs,
  '--timeout',
  engine === 'native' ? '10' : '30',
  '--no-cache',
  '--json',
];
say(`soak: ${partCount} parts (${summariseKinds(kinds)}), engine ${engine}, seed ${values.seed}`);
say(`project: ${project}`);
const started = performance.now();
const child = spawn(process.execPath, args, { cwd: project, stdio: ['ignore', 'pipe', 'inherit'] });
const pid = child.pid ?? 0;

interface Done {
  readonly result: { job: { name: string }; status: string; failure?: { kind: string } };
}
const reported: Done['result'][] = [];
const memoryAt = new Map<number, number>();
let summary: { ok: number; failed: number; cancelled: number; results: unknown[] } | undefined;
let pending = '';
child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
  const lines = (pending + chunk).split('\n');
  pending = lines.pop() ?? '';
  for (const line of lines) {
    if (line.trim() === '') continue;
    const event = JSON.parse(line) as { type: string } & Partial<Done> & {
        summary?: typeof summary;
      };
    if (event.type === 'part-done' && event.result !== undefined) {
      reported.push(event.result);
      const count = reported.length;
      if (count === 100 || count === 500 || count === partCount || count % 50 === 0) {
        memoryAt.set(count, residentBytes(pid));
      }
      if (count % 50 === 0) say(`  ${count} parts reported, rss ${mb(memoryAt.get(count))}`);
    }
    if (event.type === 'run-done') summary = event.summary;
  }
});
const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
const seconds = (performance.now() - started) / 1000;

// Give the watchdog a moment to sweep what a killed part left (it runs after parascad exits).
await new Promise((done) => setTimeout(done, 1000));
const problems: string[] = [];
const expected: Record<Kind, { status: string; failure?: string }> = {
  ok: { status: 'ok' },
  fail: { status: 'failed', failure: 'openscad-error' },
  trap: { status: 'failed', failure: 'engine-crash' },
  crash: { status: 'failed', failure: 'engine-crash' },
  slow: { status: 'failed', failure: 'timeout' },
};
const byName = new Map<string, Done['result'][]>();
for (const result of reported)
  byName.set(result.job.name, [...(byName.get(result.job.name) ?? []), result]);
for (const [index, name] of names.entries()) {
  const results = byName.get(name) ?? [];
  const want = expected[kinds[index] ?? 'ok'];
  if (results.length !== 1) problems.push(`${name} reported ${results.length} times`);
  const [result] = results;
  if (
    result !== undefined &&
    (result.status !== want.status || result.failure?.kind !== want.failure)
  ) {
    problems.push(
      `${name}: ${result.status}/${result.failure?.kind ?? '-'}, expected ${want.status}/${want.failure ?? '-'}`,
    );
  }
}
if (summary === undefined) problems.push('no run-done event');
else {
  const total = summary.ok + summary.failed + summary.cancelled;
  if (total !== partCount || summary.results.length !== partCount) {
    problems.push(
      `summary counts ${summary.ok} ok + ${summary.failed} failed + ${summary.cancelled} cancelled = ${total}, results ${summary.results.length}, parts ${partCount}`,
    );
  }
}
const left = markedProcesses(pid);
if (left.length > 0) problems.push(`processes left: ${left.join(', ')}`);
const scratch = readdirSync(tmpdir()).filter((name) => name.startsWith(`parascad-part-${pid}-`));
if (scratch.length > 0) problems.push(`scratch folders left in ${tmpdir()}: ${scratch.length}`);
const outputs = await readdir(join(project, 'outputs')).catch(() => [] as string[]);
const temporary = outputs.filter((name) => name.startsWith('.'));
if (temporary.length > 0) problems.push(`temporary files left in outputs: ${temporary.length}`);
const wanted = names.filter((_name, index) => kinds[index] === 'ok').map((name) => `${name}.stl`);
const unexpected = outputs.filter((name) => !name.startsWith('.') && !wanted.includes(name));
const missing = wanted.filter((name) => !outputs.includes(name));
if (unexpected.length > 0) problems.push(`outputs of parts that failed: ${unexpected.length}`);
if (missing.length > 0) problems.push(`outputs missing: ${missing.length}`);

say('');
say(`exit code ${code ?? 'none'}, ${seconds.toFixed(1)} s wall, ${reported.length} parts reported`);
if (summary !== undefined)
  say(`summary: ${summary.ok} ok, ${summary.failed} failed, ${summary.cancelled} cancelled`);
say(
  `parascad resident memory: part 100 ${mb(memoryAt.get(100))}, part 500 ${mb(memoryAt.get(500))}, last (${partCount}) ${mb(memoryAt.get(partCount))}`,
);
say(
  `memory every 50 parts: ${[...memoryAt.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([at, bytes]) => `${at}:${mb(bytes)}`)
    .join(' ')}`,
);
say(problems.length === 0 ? 'every check held' : `PROBLEMS:\n  ${problems.join('\n  ')}`);
if (!values.keep) await rm(root, { recursive: true, force: true });
process.exitCode = problems.length === 0 ? 0 : 1;

/** One line of the soak's report on stdout. */
function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

function residentBytes(processId: number): number {
  try {
    const kib = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${processId}/status`, 'utf8'))?.[1];
    return kib === undefined ? Number.NaN : Number(kib) * 1024;
  } catch {
    return Number.NaN;
  }
}

function mb(bytes: number | undefined): string {
  return bytes === undefined || Number.isNaN(bytes) ? '?' : `${Math.round(bytes / 1024 / 1024)} MB`;
}

function markedProcesses(parascadPid: number): number[] {
  const needle = `PARASCAD_RUN=${parascadPid}-`;
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const environ = readFileSync(`/proc/${entry}/environ`, 'latin1');
      if (environ.split('\0').some((variable) => variable.startsWith(needle)))
        found.push(Number(entry));
    } catch {
      // Gone meanwhile, or another user's.
    }
  }
  return found;
}

function summariseKinds(all: readonly Kind[]): string {
  const counts = new Map<Kind, number>();
  for (const kind of all) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  return [...counts.entries()].map(([kind, count]) => `${count} ${kind}`).join(', ');
}
