/**
 * Measures the cache (issue 10): on a generated project of 500 small parts in 20 files sharing
 * includes, and on examples/desk-organizer — the wall time of a second run with nothing changed,
 * the parts rendered again after editing one shared include and after editing one part's own
 * file, and the store's size. One run each on a shared machine: read the numbers as ratios.
 *
 *   npm run build && npx tsx bench/cache-bench.ts [--engine wasm|native|auto] [--files 20] [--modules 25]
 */
import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeMarkedModuleProject } from './marked-module-project.js';

const cli = fileURLToPath(new URL('../bin/parascad.js', import.meta.url));
const example = fileURLToPath(new URL('../examples/desk-organizer', import.meta.url));

const { values } = parseArgs({
  options: {
    engine: { type: 'string', default: 'wasm' },
    files: { type: 'string', default: '20' },
    modules: { type: 'string', default: '25' },
  },
});
const engine = values.engine;
const fileCount = Number(values.files);
const modulesPerFile = Number(values.modules);

interface Run {
  readonly seconds: number;
  readonly rendered: number;
  readonly cached: number;
  readonly failed: number;
}

/** Runs the real CLI once, timing the whole process as a user sees it. */
function render(cwd: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [cli, 'render', '--engine', engine, '--json'], {
      cwd,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) {
        reject(new Error(`parascad render exited with ${code} in ${cwd}`));
        return;
      }
      const seconds = (performance.now() - started) / 1000;
      const done = stdout
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map(
          (line) =>
            JSON.parse(line) as { type: string; result?: { status: string; cached?: unknown } },
        )
        .flatMap((event) =>
          event.type === 'part-done' && event.result !== undefined ? [event.result] : [],
        );
      resolve({
        seconds,
        rendered: done.filter((result) => result.status === 'ok' && result.cached === undefined)
          .length,
        cached: done.filter((result) => result.cached !== undefined).length,
        failed: done.filter((result) => result.status === 'failed').length,
      });
    });
  });
}

async function storeBytes(folder: string): Promise<number> {
  const { cacheUsage } = await import('../dist/cache/cache-usage.js');
  return (await cacheUsage(join(folder, '.parascad', 'cache'))).totalBytes;
}

async function generate(): Promise<string> {
  const folder = join(await mkdtemp(join(tmpdir(), 'parascad-cache-bench-')), 'project');
  return writeMarkedModuleProject(folder, fileCount, modulesPerFile);
}

async function append(file: string, text: string): Promise<void> {
  await writeFile(file, `${await readFile(file, 'utf8')}${text}`);
}

/** A row of the table; `expected` is how many parts must render (the dependents of the edit). */
function line(label: string, run: Run, expected: number | undefined): string {
  const verdict =
    expected === undefined
      ? ''
      : run.rendered === expected
        ? ' (exactly)'
        : ` (expected ${expected})`;
  return `| ${label} | ${run.seconds.toFixed(2)} s | ${run.rendered}${verdict} | ${run.cached} | ${run.failed} |`;
}

async function measure(
  name: string,
  folder: string,
  /** `dependents`: the parts that read the edited file; `all` for every part of the project. */
  edits: readonly { label: string; file: string; text: string; dependents: number | 'all' }[],
): Promise<void> {
  const rows: string[] = [];
  const first = await render(folder);
  rows.push(line('first run (empty cache)', first, undefined));
  rows.push(line('second run, nothing changed', await render(folder), 0));
  rows.push(line('third run, nothing changed', await render(folder), 0));
  for (const edit of edits) {
    await append(edit.file, edit.text);
    const dependents = edit.dependents === 'all' ? first.rendered + first.failed : edit.dependents;
    rows.push(line(edit.label, await render(folder), dependents));
  }
  const bytes = await storeBytes(folder);
  console.log(`\n### ${name} (engine ${engine})\n`);
  console.log('| run | wall (whole process) | rendered | cached | failed |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const row of rows) console.log(row);
  console.log(
    `\nstore: ${(bytes / 1024 / 1024).toFixed(1)} MiB in ${join(folder, '.parascad', 'cache')}`,
  );
}

const generated = await generate();
await measure(`generated: ${fileCount * modulesPerFile} parts in ${fileCount} files`, generated, [
  {
    label: 'after editing shared/group.scad (files 1–5)',
    file: join(generated, 'shared', 'group.scad'),
    text: 'lip2 = 1;\n',
    dependents: 5 * modulesPerFile,
  },
  {
    label: "after editing one part file's own text (f07.scad)",
    file: join(generated, 'parts', 'f07.scad'),
    text: '// edited\n',
    dependents: modulesPerFile,
  },
]);

const kit = join(await mkdtemp(join(tmpdir(), 'parascad-cache-bench-kit-')), 'desk-organizer');
await cp(example, kit, { recursive: true, filter: (source) => !source.includes('outputs') });
await measure('examples/desk-organizer', kit, [
  {
    label: 'after editing the shared dimensions.scad',
    file: join(kit, 'dimensions.scad'),
    text: '// edited\n',
    // project.scad, which every part of the kit comes from, includes it.
    dependents: 'all',
  },
]);
