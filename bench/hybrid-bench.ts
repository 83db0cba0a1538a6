/**
 * The engine frontier, measured: each model rendered by `parascad render` with `--engine native`,
 * `wasm` and `hybrid` (one worker, no cache), side by side in one run, with the hybrid route's
 * time as a ratio to the faster engine alone and its volume against each engine's.
 *
 *   npm run build && npx tsx bench/hybrid-bench.ts [--quick] [--timeout 120] [--gearbox DIR]
 *
 * Models: OpenSCAD's own examples that Debian installs (geometry-heavy ones, `import()`, `surface()`,
 * text), and the gearbox corpus from ../shared/bench (MCAD gears: library evaluation + booleans).
 * Numbers depend on the machine's load: the load average is printed beside them.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../bin/parascad.js', import.meta.url));
const examples = '/usr/share/openscad/examples';
const gearboxIndex = process.argv.indexOf('--gearbox');
// As `bench/suite.ts`: the shared corpus beside the project (`../shared`), or where --gearbox says.
const gearbox = resolve(
  gearboxIndex === -1 ? '../shared/bench/gearbox' : (process.argv[gearboxIndex + 1] ?? ''),
);

/**
 * A library-style model (as BOSL2's examples): a swept polyhedron whose 21,600 points are computed
 * by functions that build and reduce a list per point (evaluation: slow on WASM), then drilled by
 * cylinders (geometry: slow on CGAL). The case the hybrid route exists for.
 */
const libraryStyle = `function ring(r, z, n, twist) = [for (i = [0:n-1]) let(a = 360 * i / n + twist)
  [r * (1 + 0.1 * sin(7 * a)) * cos(a), r * (1 + 0.1 * sin(7 * a)) * sin(a), z]];
function sweep(n, m) = [for (j = [0:m-1]) each ring(20 + 5 * sin(j * 6), j * 0.5, n, j * 2)];
function faces(n, m) = concat(
  [for (j = [0:m-2]) for (i = [0:n-1]) each [[j*n+i, (j+1)*n+(i+1)%n, j*n+(i+1)%n], [j*n+i, (j+1)*n+i, (j+1)*n+(i+1)%n]]],
  [[for (i = [0:n-1]) i]], [[for (i = [n-1:-1:0]) (m-1)*n+i]]);
function checked(k) = max([for (i = [0:k]) sin(i) * cos(i)]);
n = 180; m = 120;
pts = [for (p = sweep(n, m)) [p[0], p[1], p[2] + 0 * checked(150)]];
difference() {
  polyhedron(pts, faces(n, m), convexity = 4);
  for (k = [0:5]) translate([0, 0, 5 + k * 10]) rotate([90, 0, k * 30])
    cylinder(r = 3, h = 80, center = true, $fn = 24);
}
`;
const engines = ['native', 'wasm', 'hybrid'] as const;
type Route = (typeof engines)[number];

interface Workload {
  readonly name: string;
  readonly dir: string;
  readonly targets: readonly string[];
}

interface PartRun {
  readonly status: string;
  readonly seconds: number;
  readonly geometrySeconds?: number;
  readonly volume?: number;
  readonly triangles?: number;
}

const quick = process.argv.includes('--quick');
const timeoutIndex = process.argv.indexOf('--timeout');
const timeout = timeoutIndex === -1 ? '120' : (process.argv[timeoutIndex + 1] ?? '120');

const workloads: Workload[] = [
  {
    name: 'examples',
    dir: examples,
    targets: quick
      ? ['Old/example024.scad', 'Basics/CSG.scad']
      : [
          'Old/example024.scad',
          'Old/example012.scad',
          'Old/example010.scad',
          'Advanced/GEB.scad',
          'Basics/CSG.scad',
          'Basics/text_on_cube.scad',
          'Basics/rotate_extrude.scad',
          'Parametric/candleStand.scad',
        ].filter((file) => existsSync(join(examples, file))),
  },
];
const generated = await mkdtemp(join(tmpdir(), 'parascad-hybrid-models-'));
await writeFile(join(generated, 'library-style.scad'), libraryStyle);
workloads.unshift({ name: 'generated', dir: generated, targets: ['library-style.scad'] });
if (existsSync(join(gearbox, 'gearbox.scad')) && !quick) {
  // A copy: parascad keeps its state beside the project, and the shared corpus stays untouched.
  await cp(gearbox, join(generated, 'gearbox'), { recursive: true });
  workloads.push({ name: 'gearbox', dir: join(generated, 'gearbox'), targets: ['gearbox.scad'] });
}

/** One `parascad render --json` run: each part's status, times and first output's volume. */
async function renderWith(
  engine: Route,
  workload: Workload,
  outDir: string,
): Promise<Map<string, PartRun>> {
  const args = [
    cli,
    'render',
    ...workload.targets,
    '--engine',
    engine,
    '--json',
    '--no-cache',
    '-j',
    '1',
    '--timeout',
    timeout,
    '-o',
    outDir,
  ];
  const stdout = await new Promise<string>((done, fail) => {
    const child = spawn(process.execPath, args, {
      cwd: workload.dir,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let text = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
    child.on('error', fail);
    child.on('close', () => {
      done(text);
    });
  });
  const parts = new Map<string, PartRun>();
  for (const line of stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    const event = JSON.parse(line) as {
      type: string;
      result?: {
        job: { name: string; scadFile: string };
        status: string;
        seconds: number;
        geometrySeconds?: number;
        outputs: { facts?: { kind: string; volume?: number; triangles?: number } }[];
      };
    };
    if (event.type !== 'part-done' || event.result === undefined) continue;
    const { result } = event;
    const facts = result.outputs[0]?.facts;
    parts.set(result.job.name, {
      status: result.status,
      seconds: result.seconds,
      ...(result.geometrySeconds === undefined ? {} : { geometrySeconds: result.geometrySeconds }),
      ...(facts?.volume === undefined ? {} : { volume: facts.volume }),
      ...(facts?.triangles === undefined ? {} : { triangles: facts.triangles }),
    });
  }
  return parts;
}

function seconds(run: PartRun | undefined): string {
  if (run === undefined) return '—';
  if (run.status !== 'ok') return run.status;
  const geometry =
    run.geometrySeconds === undefined ? '' : ` (g ${run.geometrySeconds.toFixed(1)})`;
  return `${run.seconds.toFixed(2)}${geometry}`;
}

function volumeChange(reference: PartRun | undefined, other: PartRun | undefined): string {
  if (reference?.volume === undefined || other?.volume === undefined) return '—';
  if (reference.volume === 0) return other.volume === 0 ? '0%' : '∞';
  return `${(((other.volume - reference.volume) / reference.volume) * 100).toFixed(3)}%`;
}

const started = loadavg();
console.log(
  `hybrid bench, load average at start ${started.map((load) => load.toFixed(2)).join(' ')} (1/5/15 min)\n`,
);
console.log(
  '| workload | part | native s (g = geometry) | wasm s | hybrid s | hybrid ÷ faster engine | volume hybrid vs native | vs wasm | triangles n / w / h |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const workload of workloads) {
  const outDir = await mkdtemp(join(tmpdir(), 'parascad-hybrid-bench-'));
  const runs = new Map<Route, Map<string, PartRun>>();
  for (const engine of engines) runs.set(engine, await renderWith(engine, workload, outDir));
  await rm(outDir, { recursive: true, force: true });
  const names = [...new Set(engines.flatMap((engine) => [...(runs.get(engine)?.keys() ?? [])]))];
  for (const name of names) {
    const [native, wasm, hybrid] = engines.map((engine) => runs.get(engine)?.get(name));
    const alone = [native, wasm]
      .filter((run): run is PartRun => run?.status === 'ok')
      .map((run) => run.seconds);
    const faster = alone.length === 0 ? undefined : Math.min(...alone);
    const ratio =
      faster === undefined || hybrid?.status !== 'ok'
        ? '—'
        : `${(hybrid.seconds / faster).toFixed(2)}×`;
    const triangles = [native, wasm, hybrid].map((run) => run?.triangles ?? '—').join(' / ');
    console.log(
      `| ${workload.name} | ${name} | ${seconds(native)} | ${seconds(wasm)} | ${seconds(hybrid)} | ${ratio} | ${volumeChange(native, hybrid)} | ${volumeChange(wasm, hybrid)} | ${triangles} |`,
    );
  }
}
await rm(generated, { recursive: true, force: true });
const ended = loadavg();
console.log(`\nload average at end ${ended.map((load) => load.toFixed(2)).join(' ')}`);
