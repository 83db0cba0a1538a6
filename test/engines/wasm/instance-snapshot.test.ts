import { beforeAll, describe, expect, it } from 'vitest';
// The built modules, as the worker threads use them (`npm test` builds first).
import { InstanceSnapshot } from '../../../dist/engines/wasm/instance-snapshot.js';
import {
  loadOpenScadWasm,
  openScadRuntime,
  type OpenScadModule,
  type OpenScadRuntime,
} from '../../../dist/engines/wasm/load-openscad-factory.js';

let runtime: OpenScadRuntime;
beforeAll(async () => {
  runtime = await openScadRuntime(await loadOpenScadWasm());
});

/** A fresh instance whose console goes into `lines`. */
async function instance(lines: string[] = []): Promise<OpenScadModule> {
  return runtime.create({
    noInitialRun: true,
    noExitRuntime: true,
    print: (line) => lines.push(line),
    printErr: (line) => lines.push(line),
    preRun: [],
  });
}

/** Renders `source` to an ASCII STL in `openscad` and gives its exit code and file. */
function render(openscad: OpenScadModule, source: string): { exitCode: number; stl?: string } {
  openscad.FS.mkdirTree('/part');
  openscad.FS.writeFile('/part/main.scad', source);
  openscad.FS.chdir('/part');
  const exitCode = openscad.callMain(['-o', '/part/out.stl', '/part/main.scad']);
  const written = openscad.FS.analyzePath('/part/out.stl').exists;
  if (!written) return { exitCode };
  return { exitCode, stl: new TextDecoder().decode(openscad.FS.readFile('/part/out.stl')) };
}

/** A program whose ~4 MB string outgrows the instance's first 16 MB of memory. */
const growsMemory =
  'function twice(s, n) = n == 0 ? s : twice(str(s, s), n - 1); echo(len(twice("x", 22))); cube(1);';

const withoutTimes = (lines: readonly string[]): string[] =>
  lines.filter((line) => !line.startsWith('Total rendering time'));

describe('an instance snapshot', () => {
  it('puts an instance back so that its next render equals a fresh instance’s', async () => {
    const source = 'echo("hello"); difference() { cube(4, center = true); sphere(2.5); }';
    const freshLines: string[] = [];
    const fresh = render(await instance(freshLines), source);
    const keptLines: string[] = [];
    const kept = await instance(keptLines);
    const snapshot = new InstanceSnapshot(kept);
    render(kept, 'cube([1, 2, 3]); echo("first");');
    expect(snapshot.restore()).toBe(true);
    keptLines.length = 0;
    expect(render(kept, source)).toEqual(fresh);
    expect(withoutTimes(keptLines)).toEqual(withoutTimes(freshLines));
  });

  it('removes the files and folders made since, and keeps those from before', async () => {
    const openscad = await instance();
    openscad.FS.writeFile('/tmp/before.txt', 'kept');
    const snapshot = new InstanceSnapshot(openscad);
    render(openscad, 'cube(1);');
    expect(snapshot.restore()).toBe(true);
    expect(openscad.FS.analyzePath('/part').exists).toBe(false);
    expect(openscad.FS.analyzePath('/tmp/before.txt').exists).toBe(true);
    expect(openscad.FS.cwd()).toBe('/');
  });

  it('refuses to put back an instance whose memory grew', async () => {
    const openscad = await instance();
    const snapshot = new InstanceSnapshot(openscad);
    const before = openscad.HEAPU8.length;
    render(openscad, growsMemory);
    expect(openscad.HEAPU8.length).toBeGreaterThan(before);
    expect(snapshot.restore()).toBe(false);
  });

  it('refuses to put back an instance one of whose earlier files was rewritten', async () => {
    const openscad = await instance();
    openscad.FS.writeFile('/tmp/before.txt', 'kept');
    const snapshot = new InstanceSnapshot(openscad);
    await new Promise((resolve) => setTimeout(resolve, 5));
    openscad.FS.writeFile('/tmp/before.txt', 'changed');
    expect(snapshot.restore()).toBe(false);
  });
});
