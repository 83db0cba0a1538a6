import { spawn } from 'node:child_process';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { PlainProgram, Workload } from './workloads.js';

/** A timed row: the wall time of the whole command, launch to exit. */
export interface TimedRun {
  readonly wallSeconds: number;
  readonly failed: number;
}

/** A parascad row, with what its own summary says about the render phase. */
export interface ParascadRun extends TimedRun {
  /** From the first part starting to the last one finishing. */
  readonly renderSeconds: number;
  readonly partSeconds: readonly number[];
  readonly engines: Readonly<Record<string, number>>;
  readonly concurrency: number;
}

const cliPath = new URL('../bin/parascad.js', import.meta.url).pathname;

/** Plain `openscad`, one program after another, as a shell loop would. */
export async function plainSequential(
  programs: readonly PlainProgram[],
  outDir: string,
): Promise<TimedRun> {
  await fresh(outDir);
  const started = performance.now();
  let failed = 0;
  for (const program of programs) {
    const code = await run('openscad', [
      '-o',
      join(outDir, program.output),
      ...(program.defines ?? []).flatMap((definition) => ['-D', definition]),
      program.input,
    ]);
    if (code !== 0) failed++;
  }
  return { wallSeconds: (performance.now() - started) / 1000, failed };
}

/** `xargs -P <workers> -L 1 openscad`: the shell one-liner parascad must never lose to. */
export async function plainXargs(
  programs: readonly PlainProgram[],
  outDir: string,
  workers: number,
): Promise<TimedRun> {
  await fresh(outDir);
  const lines = programs
    .map((program) =>
      [
        '-o',
        quote(join(outDir, program.output)),
        ...(program.defines ?? []).flatMap((definition) => ['-D', quote(definition)]),
        quote(program.input),
      ].join(' '),
    )
    .map((line) => `${line}\n`)
    .join('');
  const started = performance.now();
  const code = await run('xargs', ['-P', String(workers), '-L', '1', 'openscad'], lines);
  return { wallSeconds: (performance.now() - started) / 1000, failed: code === 0 ? 0 : 1 };
}

/** The real CLI, as a user starts it, with `--json` to read its own summary. */
export async function parascadRun(
  workload: Workload,
  engine: 'native' | 'wasm' | 'auto',
  workers: number,
  outDir: string,
  extraArgs: readonly string[] = [],
): Promise<ParascadRun> {
  const args = [
    cliPath,
    'render',
    ...workload.targets,
    '--engine',
    engine,
    '-j',
    String(workers),
    '-o',
    outDir,
    '--json',
    ...extraArgs,
  ];
  const started = performance.now();
  const output = await runForOutput(process.execPath, args, workload.dir);
  const wallSeconds = (performance.now() - started) / 1000;
  const events = output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  const done = events.find((event) => event['type'] === 'run-done');
  if (done === undefined) throw new Error(`parascad --engine ${engine} did not finish:\n${output}`);
  // Events carry the library's objects as they are: the summary and each part's result nest.
  const summary = done['summary'] as Record<string, unknown>;
  const parts = events
    .filter((event) => event['type'] === 'part-done')
    .map((event) => event['result'] as Record<string, unknown>);
  const engines: Record<string, number> = {};
  for (const part of parts) {
    const id = String(part['engine']);
    engines[id] = (engines[id] ?? 0) + 1;
  }
  return {
    wallSeconds,
    failed: Number(summary['failed'] ?? 0),
    renderSeconds: Number(summary['wallSeconds']),
    partSeconds: parts.map((part) => Number(part['seconds'])),
    engines,
    concurrency: Number(summary['concurrency']),
  };
}

async function fresh(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
}

/** Single quotes for xargs, which splits its input lines on blanks. */
function quote(text: string): string {
  return `'${text.replace(/'/g, `'"'"'`)}'`;
}

function run(command: string, args: readonly string[], stdin?: string): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      stdio: [stdin === undefined ? 'ignore' : 'pipe', 'ignore', 'ignore'],
    });
    child.on('error', () => {
      resolve(null);
    });
    child.on('close', (code) => {
      resolve(code);
    });
    if (stdin !== undefined) child.stdin?.end(stdin);
  });
}

function runForOutput(command: string, args: readonly string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
    child.on('error', reject);
    child.on('close', () => {
      resolve(text);
    });
  });
}
