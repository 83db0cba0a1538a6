import { chmod, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventually, isRunning, recordedPids, writeFakeEngine } from '../support/fake-engine.js';
import { startCliDetached } from '../support/start-cli-detached.js';

let root: string;
let project: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'parascad-signals-'));
  project = join(root, 'project');
  await writeFakeProject(project);
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function writeFakeProject(folder: string): Promise<void> {
  await mkdir(folder);
  await writeFile(
    join(folder, 'project.scad'),
    'module first() //render.model.stl\n{ cube(1); }\nmodule second() //render.model.stl\n{ cube(2); }\n',
  );
}

/** A fake `openscad` that hangs when asked for its version: parascad is stuck probing it. */
async function hangingProbe(): Promise<{ path: string; pidFile: string }> {
  const path = join(root, 'hanging-openscad');
  const pidFile = join(root, 'hanging-openscad.pids');
  await writeFile(path, `#!/bin/sh\necho $$ >> '${pidFile}'\nexec sleep 1000\n`);
  await chmod(path, 0o755);
  return { path, pidFile };
}

const render = (engine: string): string[] => [
  'render',
  '--engine',
  'native',
  '--openscad',
  engine,
  '--no-cache',
  '-j',
  '2',
];

/** An ASCII STL of one triangle, as printf writes it. */
const oneFacet = [
  'solid x',
  'facet normal 0 0 1',
  'outer loop',
  'vertex 0 0 0',
  'vertex 1 0 0',
  'vertex 0 1 0',
  'endloop',
  'endfacet',
  'endsolid x',
  '',
].join('\\n');

/** The outputs folder's entries: finished files only, never a temporary one. */
async function outputs(): Promise<string[]> {
  return (await readdir(join(project, 'outputs')).catch(() => [])).sort();
}

describe.skipIf(process.platform !== 'linux')('SIGINT and SIGTERM in every phase', () => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`${signal} while planning (the engine's probe hangs) ends the run at once, probe included`, async () => {
      const engine = await hangingProbe();
      const cli = startCliDetached(render(engine.path), project);
      expect(
        await eventually(async () => (await recordedPids(engine.pidFile)).length > 0, 60),
      ).toBe(true);
      process.kill(cli.pid, signal);
      const run = await cli.done;
      expect(run.code, run.stdout + run.stderr).toBe(130);
      expect(run.stderr).toContain('stopped before any part started');
      const pids = await recordedPids(engine.pidFile);
      expect(await eventually(() => pids.every((pid) => !isRunning(pid)))).toBe(true);
      expect(await outputs()).toEqual([]);
    });
  }

  it('SIGTERM while rendering stops the parts now and says so, without the Ctrl-C wording', async () => {
    const engine = await writeFakeEngine(root, 'sleeping-openscad', 'exec sleep 1000');
    const cli = startCliDetached(render(engine.path), project);
    expect(
      await eventually(async () => (await recordedPids(engine.pidFile)).length === 2, 60),
    ).toBe(true);
    process.kill(cli.pid, 'SIGTERM');
    const run = await cli.done;
    expect(run.code, run.stdout + run.stderr).toBe(130);
    expect(run.stdout).toContain('stopping now: 2 running parts are being stopped');
    expect(run.stdout).not.toContain('Ctrl-C');
    expect(run.stdout).toMatch(/2 cancelled/);
    const pids = await recordedPids(engine.pidFile);
    expect(await eventually(() => pids.every((pid) => !isRunning(pid)))).toBe(true);
  });

  it('the first SIGINT while rendering lets the running parts finish; they are delivered', async () => {
    // Each part waits for a go file, so that SIGINT surely arrives while both run.
    const go = join(root, 'go');
    const engine = await writeFakeEngine(
      root,
      'waiting-openscad',
      `while [ ! -e '${go}' ]; do sleep 0.1; done\nfor a in "$@"; do case "$prev" in -o) printf '${oneFacet}' > "$a";; esac; prev="$a"; done\nexit 0`,
    );
    const cli = startCliDetached(render(engine.path), project);
    expect(
      await eventually(async () => (await recordedPids(engine.pidFile)).length === 2, 60),
    ).toBe(true);
    process.kill(cli.pid, 'SIGINT');
    expect(await eventually(() => cli.output().includes('press Ctrl-C again'), 60)).toBe(true);
    await writeFile(go, '');
    const run = await cli.done;
    expect(run.code, run.stdout + run.stderr).toBe(130);
    expect(run.stdout).toContain('stopping: letting 2 running parts finish');
    expect(run.stdout).toMatch(/2 parts: 2 ok/);
    expect(await outputs()).toEqual(['first.stl', 'second.stl']);
  });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`${signal === 'SIGINT' ? 'SIGINT twice' : 'SIGTERM'} while the engine writes its output leaves no partial output`, async () => {
      // The engine writes half an STL into its (temporary) output file and stalls there.
      const engine = await writeFakeEngine(
        root,
        'stalling-openscad',
        `for a in "$@"; do case "$prev" in -o) printf 'solid half\\n  facet normal 0 0 1\\n' > "$a";; esac; prev="$a"; done\nexec sleep 1000`,
      );
      const cli = startCliDetached(render(engine.path), project);
      expect(
        await eventually(
          async () => (await readdir(join(project, 'outputs')).catch(() => [])).length === 2,
          60,
        ),
      ).toBe(true);
      process.kill(cli.pid, signal);
      if (signal === 'SIGINT') {
        expect(await eventually(() => cli.output().includes('press Ctrl-C again'), 60)).toBe(true);
        process.kill(cli.pid, 'SIGINT');
      }
      const run = await cli.done;
      expect(run.code, run.stdout + run.stderr).toBe(130);
      expect(await outputs()).toEqual([]);
      const pids = await recordedPids(engine.pidFile);
      expect(await eventually(() => pids.every((pid) => !isRunning(pid)))).toBe(true);
    });
  }
});
