import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { glob } from 'tinyglobby';

/** One OpenSCAD run of a baseline: a program and the file it writes. */
export interface PlainProgram {
  readonly input: string;
  readonly output: string;
  /** Statements given with `-D`, as parascad's part program appends them. */
  readonly defines?: readonly string[];
}

/** A benchmark workload: a folder parascad renders, and the same work as plain OpenSCAD runs. */
export interface Workload {
  readonly name: string;
  readonly description: string;
  /** The folder parascad runs in, with a `parascad.config.yaml` or the marked scad file. */
  readonly dir: string;
  /** Targets given to `parascad render`. */
  readonly targets: readonly string[];
  /** The same parts as plain OpenSCAD runs, in the order a person would list them. */
  readonly programs: readonly PlainProgram[];
}

const config = (files: readonly { path: string; formats?: readonly string[] }[]): string =>
  [
    'files:',
    ...files.flatMap((file) => [
      `  - path: '${file.path}'`,
      '    modules: whole',
      ...(file.formats === undefined ? [] : [`    formats: [${file.formats.join(', ')}]`]),
    ]),
    '',
  ].join('\n');

/** `count` one-cube files: what a part costs beyond the engine's own work. */
export async function tinyParts(root: string, count: number): Promise<Workload> {
  const dir = join(root, `tiny-${count}`);
  await mkdir(join(dir, 'parts'), { recursive: true });
  const programs: PlainProgram[] = [];
  for (let index = 1; index <= count; index++) {
    const name = `p${String(index).padStart(4, '0')}`;
    await writeFile(join(dir, 'parts', `${name}.scad`), `cube(${(index % 20) + 1});\n`);
    programs.push({ input: join(dir, 'parts', `${name}.scad`), output: `${name}.stl` });
  }
  await writeFile(join(dir, 'parascad.config.yaml'), config([{ path: 'parts/*.scad' }]));
  return {
    name: `tiny-${count}`,
    description: `${count} one-cube files, each rendered whole: the per-part overhead`,
    dir,
    targets: [],
    programs,
  };
}

/**
 * Many short parts and two long ones listed last: a schedule that follows the list finishes late,
 * one that starts the long parts first does not. The long parts evaluate a long recursion (slow
 * on WASM) and cut a sphere (slow on CGAL), so they are long on both engines.
 */
export async function skewedBatch(root: string, shortParts: number): Promise<Workload> {
  const dir = join(root, 'skewed');
  await mkdir(join(dir, 'parts'), { recursive: true });
  const programs: PlainProgram[] = [];
  for (let index = 1; index <= shortParts; index++) {
    const name = `a${String(index).padStart(3, '0')}`;
    await writeFile(
      join(dir, 'parts', `${name}.scad`),
      `difference() { cube(${(index % 7) + 4}, center = true); sphere(3, $fn = 16); }\n`,
    );
    programs.push({ input: join(dir, 'parts', `${name}.scad`), output: `${name}.stl` });
  }
  for (const name of ['z-long-1', 'z-long-2']) {
    await writeFile(
      join(dir, 'parts', `${name}.scad`),
      [
        'function s(n, a = 0) = n == 0 ? a : s(n - 1, a + n);',
        'r = s(60000);',
        'difference() { sphere(10, $fn = 40); cylinder(h = 30, r = 4, center = true, $fn = 40); }',
        '',
      ].join('\n'),
    );
    programs.push({ input: join(dir, 'parts', `${name}.scad`), output: `${name}.stl` });
  }
  await writeFile(join(dir, 'parascad.config.yaml'), config([{ path: 'parts/*.scad' }]));
  return {
    name: 'skewed',
    description: `${shortParts} short parts, then two long ones listed last`,
    dir,
    targets: [],
    programs,
  };
}

/**
 * The shared 16-part gearbox (MCAD): marked modules, so the baseline runs the user's file with
 * the statements parascad appends (the guard, `$fn`, the module call) as `-D`, one run per output.
 */
export async function gearbox(root: string, source: string): Promise<Workload | undefined> {
  if (!existsSync(join(source, 'gearbox.scad'))) return undefined;
  const dir = join(root, 'gearbox');
  await cp(source, dir, {
    recursive: true,
    filter: (path) => !/[\\/](outputs|\.parascad)$/.test(path),
  });
  const { planRun } = await import('../dist/run/plan-run.js');
  const { partProgram } = await import('../dist/plan/part-program.js');
  const plan = await planRun({ targets: ['gearbox.scad'] }, dir);
  const programs: PlainProgram[] = [];
  for (const job of plan.jobs) {
    const program = partProgram(job);
    if (program.useCall !== undefined) throw new Error(`gearbox part ${job.name} is in use mode`);
    for (const output of job.outputs) {
      programs.push({
        input: job.scadFile,
        output: `${job.name}.${output.format}`,
        defines: program.defines,
      });
    }
  }
  return {
    name: 'gearbox',
    description: `../shared/bench/gearbox: ${plan.jobs.length} parts, MCAD`,
    dir,
    targets: ['gearbox.scad'],
    programs,
  };
}

/**
 * Debian's OpenSCAD examples (`/usr/share/openscad/examples/**`), each file rendered whole. 2D
 * examples are exported as SVG, the others as STL; examples that do not render with plain
 * OpenSCAD here are left out (their count is in the description).
 */
export async function debianExamples(root: string, source: string): Promise<Workload | undefined> {
  if (!existsSync(source)) return undefined;
  const dir = join(root, 'examples');
  await cp(source, dir, { recursive: true });
  const files = (await glob('**/*.scad', { cwd: dir })).sort();
  const kept: { path: string; formats: string[] }[] = [];
  const probeDir = join(root, 'examples-probe');
  await mkdir(probeDir, { recursive: true });
  for (const file of files) {
    const format = formatThatRenders(join(dir, file), probeDir);
    if (format !== undefined) kept.push({ path: file, formats: [format] });
  }
  await writeFile(join(dir, 'parascad.config.yaml'), config(kept));
  return {
    name: 'examples',
    description: `/usr/share/openscad/examples/**: ${kept.length} of ${files.length} files (the rest fail with plain openscad here)`,
    dir,
    targets: [],
    programs: kept.map((file) => ({
      input: join(dir, file.path),
      output: `${relative('.', file.path)
        .replace(/[\\/]/g, '_')
        .replace(/\.scad$/, '')}.${file.formats[0] ?? 'stl'}`,
    })),
  };
}

/** Which of STL (3D) or SVG (2D) plain openscad exports this file to, if either. */
function formatThatRenders(file: string, outDir: string): string | undefined {
  for (const format of ['stl', 'svg']) {
    const run = spawnSync('openscad', ['-o', join(outDir, `probe.${format}`), file], {
      encoding: 'utf8',
      timeout: 300_000,
    });
    if (run.status === 0 && !/ERROR:/.test(run.stderr)) return format;
  }
  return undefined;
}
