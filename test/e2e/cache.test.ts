import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  appendFile,
  chmod,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  stat,
  utimes,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { copyFixture } from '../support/copy-fixture.js';
import { hasNativeOpenScad, nativeSkipReason } from '../support/has-native-openscad.js';
import { listFiles } from '../support/list-files.js';
import { makeReadOnly } from '../support/read-only-folder.js';
import { runCli, startCli, stopStartedClis, type CliRun } from '../support/run-cli.js';

afterEach(stopStartedClis);

const allParts = ['a1', 'a2', 'b1', 'b2', 'c', 'ring'];

interface Outcome {
  readonly rendered: string[];
  readonly cached: string[];
  readonly failed: string[];
  readonly warnings: string[];
  readonly run: CliRun;
}

/**
 * A fake `openscad` that writes its arguments to `log` (a line a call), answers `--version` with
 * the version it was installed with, and hands every other call to the real one.
 */
async function loggingOpenScad(): Promise<{
  fake: string;
  log: string;
  install: (version: string) => Promise<void>;
}> {
  const bin = await mkdtemp(join(tmpdir(), 'parascad-fake-openscad-'));
  const fake = join(bin, 'openscad');
  const log = join(bin, 'calls.log');
  const install = (version: string): Promise<void> =>
    writeFile(
      fake,
      `#!/bin/sh\necho "$@" >> '${log}'\nif [ "$1" = "--version" ]; then echo "OpenSCAD version ${version}"; exit 0; fi\nexec openscad "$@"\n`,
      { mode: 0o755 },
    );
  return { fake, log, install };
}

/** Renders the fixture with --json and sorts the parts by what happened to them. */
async function renderProject(
  project: string,
  engine: 'wasm' | 'native' | 'auto',
  extra: readonly string[] = [],
  env: NodeJS.ProcessEnv = {},
): Promise<Outcome> {
  const run = await runCli(['render', '--engine', engine, '--json', ...extra], project, {
    OPENSCADPATH: join(project, 'libs'),
    PARASCAD_CACHE_DIR: undefined,
    ...env,
  });
  const events = run.stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map(
      (line) =>
        JSON.parse(line) as {
          type: string;
          result?: { job: { name: string }; status: string; cached?: { renderedAt: string } };
          problem?: { message: string };
        },
    );
  const done = events.flatMap((event) =>
    event.type === 'part-done' && event.result !== undefined ? [event.result] : [],
  );
  const names = (keep: (result: (typeof done)[number]) => boolean): string[] =>
    done
      .filter(keep)
      .map((result) => result.job.name)
      .sort();
  return {
    rendered: names((result) => result.status === 'ok' && result.cached === undefined),
    cached: names((result) => result.cached !== undefined),
    failed: names((result) => result.status === 'failed'),
    warnings: events
      .filter((event) => event.type === 'warning')
      .map((event) => event.problem?.message ?? ''),
    run,
  };
}

async function edit(file: string, from: string, to: string): Promise<void> {
  const text = await readFile(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} has no ${from}`);
  await writeFile(file, text.replace(from, to));
}

/** Modification times of every file in the project, sources and outputs. */
async function touchAll(project: string): Promise<void> {
  const later = new Date(Date.now() + 120_000);
  for (const file of await listFiles(project)) {
    if (!file.includes('.parascad')) await utimes(join(project, file), later, later);
  }
}

describe.each(['wasm', ...(hasNativeOpenScad ? ['native' as const] : [])] as const)(
  'the cache on the %s engine',
  (engine) => {
    it('renders once, then takes every part from the cache; a touch changes nothing', async () => {
      const project = await copyFixture('e2e-cache');
      const first = await renderProject(project, engine);
      expect(first.run.code, first.run.stderr).toBe(0);
      expect(first.rendered).toEqual(allParts);
      const output = join(project, 'outputs', 'a1.stl');
      const before = await stat(output);

      const second = await renderProject(project, engine);
      expect(second.run.code, second.run.stderr).toBe(0);
      expect(second.rendered).toEqual([]);
      expect(second.cached).toEqual(allParts);
      // No engine line of parts that do not render (an auto choice, a try announced).
      expect(second.run.stdout).toContain(`"cached":${allParts.length},`);
      expect(second.run.stdout).toContain(
        '"explanation":"engine: none started: every part comes from the cache"',
      );
      // Outputs already holding the right bytes are left alone.
      expect((await stat(output)).mtimeMs).toBe(before.mtimeMs);

      await touchAll(project);
      const touched = await renderProject(project, engine);
      expect(touched.rendered).toEqual([]);
      expect(touched.cached).toEqual(allParts);
    });

    it('re-renders exactly the parts whose files changed: a shared include, a nested include, one file, a computed import, a library', async () => {
      const project = await copyFixture('e2e-cache');
      expect((await renderProject(project, engine)).rendered).toEqual(allParts);

      await edit(join(project, 'shared', 'dims.scad'), 'unit = 2;', 'unit = 3;');
      const shared = await renderProject(project, engine);
      expect(shared.rendered).toEqual(['a1', 'a2', 'b1', 'b2']);
      expect(shared.cached).toEqual(['c', 'ring']);

      await edit(join(project, 'parts', 'sub', 'inner.scad'), '// A nested', '// The nested');
      expect((await renderProject(project, engine)).rendered).toEqual(['a1', 'a2']);

      await edit(join(project, 'parts', 'b.scad'), 'cube([3, 3, 3]);', 'cube([4, 3, 3]);');
      expect((await renderProject(project, engine)).rendered).toEqual(['b1', 'b2']);

      // c imports a file whose name it computes. Natively OpenSCAD's own record (-d) says which
      // one, so an unrelated file changes nothing; the WASM instance is given every file such an
      // import could name, and all of them count (a superset: more renders, never a stale one).
      await writeFile(join(project, 'other.stl'), await readFile(join(project, 'c.scad')));
      expect((await renderProject(project, engine)).rendered).toEqual(
        engine === 'native' ? [] : ['c'],
      );
      await edit(join(project, 'tri.stl'), 'vertex 1 0 0', 'vertex 2 0 0');
      expect((await renderProject(project, engine)).rendered).toEqual(['c']);

      await edit(join(project, 'libs', 'cachelib', 'ring.scad'), 'size * 2', 'size * 3');
      expect((await renderProject(project, engine)).rendered).toEqual(['ring']);

      // Restoring the old bytes finds the old entries again.
      await edit(join(project, 'libs', 'cachelib', 'ring.scad'), 'size * 3', 'size * 2');
      const back = await renderProject(project, engine);
      expect(back.rendered).toEqual([]);
      expect(back.cached).toEqual(allParts);
    });

    it('re-renders a part whose imported file vanished, fails it, and never caches the failure', async () => {
      const project = await copyFixture('e2e-cache');
      await renderProject(project, engine);
      await rm(join(project, 'tri.stl'));
      const gone = await renderProject(project, engine);
      expect(gone.failed).toEqual(['c']);
      expect(gone.cached).toEqual(['a1', 'a2', 'b1', 'b2', 'ring']);
      const again = await renderProject(project, engine);
      expect(again.failed).toEqual(['c']);
    });
  },
);

describe('the cache', () => {
  it('re-renders the part whose config parameter changed, and only it', async () => {
    const project = await copyFixture('e2e-cache');
    await renderProject(project, 'wasm');
    await edit(join(project, 'parascad.config.yaml'), 'size: 3', 'size: 4');
    const changed = await renderProject(project, 'wasm');
    expect(changed.rendered).toEqual(['ring']);
    expect(changed.cached).toEqual(['a1', 'a2', 'b1', 'b2', 'c']);
  });

  it('restores a deleted output from the store without rendering, with the same bytes', async () => {
    const project = await copyFixture('e2e-cache');
    await renderProject(project, 'wasm');
    const output = join(project, 'outputs', 'b2.stl');
    const bytes = await readFile(output);
    await rm(output);
    await writeFile(join(project, 'outputs', 'a1.stl'), 'solid broken');
    const restored = await renderProject(project, 'wasm');
    expect(restored.rendered).toEqual([]);
    expect(await readFile(output)).toEqual(bytes);
    expect(await readFile(join(project, 'outputs', 'a1.stl'), 'utf8')).not.toBe('solid broken');
  });

  it('fails a cached part whose output cannot be written (a folder in its place), names it, and goes on with the others', async () => {
    const project = await copyFixture('e2e-cache');
    await renderProject(project, 'wasm');
    const output = join(project, 'outputs', 'b2.stl');
    await rm(output);
    await mkdir(output);
    const outcome = await renderProject(project, 'wasm');
    expect(outcome.run.code).toBe(1);
    expect(outcome.failed).toEqual(['b2']);
    expect(outcome.cached).toEqual(allParts.filter((part) => part !== 'b2'));
    expect(outcome.rendered).toEqual([]);
    expect(outcome.run.stdout).toContain('outputs/b2.stl is a folder, not a file');
    expect(
      (await readdir(join(project, 'outputs'))).filter((name) => name.startsWith('.')),
    ).toEqual([]);
  });

  it('detects a damaged entry and a truncated output in the store, warns, and renders again', async () => {
    const project = await copyFixture('e2e-cache');
    const cacheDir = join(project, '.parascad', 'cache');
    await renderProject(project, 'wasm');
    const entries = await listFiles(join(cacheDir, 'entries'));
    const blobs = await listFiles(join(cacheDir, 'blobs'));
    for (const entry of entries) await writeFile(join(cacheDir, 'entries', entry), '{"schema":1,');
    const damaged = await renderProject(project, 'wasm');
    expect(damaged.rendered).toEqual(allParts);
    expect(damaged.warnings.filter((warning) => /damaged/.test(warning))).toHaveLength(6);

    for (const blob of blobs) {
      const path = join(cacheDir, 'blobs', blob);
      await writeFile(path, (await readFile(path)).subarray(0, 10));
    }
    await rm(join(project, 'outputs'), { recursive: true });
    const truncated = await renderProject(project, 'wasm');
    expect(truncated.rendered).toEqual(allParts);
    expect(truncated.warnings.filter((warning) => /damaged/.test(warning))).toHaveLength(6);
    expect((await renderProject(project, 'wasm')).cached).toEqual(allParts);
  });

  it('renders everything with --force, and neither reads nor writes the cache with --no-cache', async () => {
    const project = await copyFixture('e2e-cache');
    const uncached = await renderProject(project, 'wasm', ['--no-cache']);
    expect(uncached.rendered).toEqual(allParts);
    expect(await readdir(join(project, '.parascad'))).not.toContain('cache');
    await renderProject(project, 'wasm');
    expect((await renderProject(project, 'wasm', ['--no-cache'])).rendered).toEqual(allParts);
    expect((await renderProject(project, 'wasm', ['--force'])).rendered).toEqual(allParts);
    expect((await renderProject(project, 'wasm')).cached).toEqual(allParts);
  });

  it('keeps .parascad out of version control with its own .gitignore', async () => {
    const project = await copyFixture('e2e-cache');
    await renderProject(project, 'wasm');
    expect(await readFile(join(project, '.parascad', '.gitignore'), 'utf8')).toMatch(/^\*$/m);
  });

  it('shares one store between projects and between two runs at once, without damage', async () => {
    const store = await mkdtemp(join(tmpdir(), 'parascad-shared-cache-'));
    const one = await copyFixture('e2e-cache');
    const two = await copyFixture('e2e-cache');
    const env = { OPENSCADPATH: undefined, PARASCAD_CACHE_DIR: store };
    const args = ['render', '--engine', 'wasm', '--json'];
    const [first, second] = await Promise.all([
      startCli(args, one, undefined, { ...env, OPENSCADPATH: join(one, 'libs') }).done,
      startCli(args, two, undefined, { ...env, OPENSCADPATH: join(two, 'libs') }).done,
    ]);
    expect(first.code, first.stderr).toBe(0);
    expect(second.code, second.stderr).toBe(0);
    expect(await listFiles(join(store, 'tmp'))).toEqual([]);
    // The other project's entries answer this one: paths are relative to each project.
    const third = await renderProject(one, 'wasm', [], { PARASCAD_CACHE_DIR: store });
    expect(third.cached).toEqual(allParts);
    const listing = await runCli(['cache', '--cache-dir', store], one);
    expect(listing.stdout).toMatch(/6 entries/);
    expect(listing.stdout).toMatch(/hit rate of the last 3 runs/);
  });

  it('still renders when the store cannot be written, with one warning', async () => {
    const project = await copyFixture('e2e-cache');
    const blocker = join(project, 'not-a-folder');
    await writeFile(blocker, '');
    await chmod(blocker, 0o444);
    const run = await renderProject(project, 'wasm', ['--cache-dir', join(blocker, 'cache')]);
    expect(run.run.code, run.run.stderr).toBe(0);
    expect(run.rendered).toEqual(allParts);
    expect(run.warnings.filter((warning) => /cannot be written/.test(warning))).toHaveLength(1);
  });

  it('takes every part from the cache after a git checkout brings the same bytes back', async () => {
    const project = await copyFixture('e2e-cache');
    const git = (...args: string[]): void => {
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], {
        cwd: project,
      });
    };
    git('init', '-q');
    git('add', '-A');
    git('commit', '-qm', 'fixture');
    expect((await renderProject(project, 'wasm')).rendered).toEqual(allParts);
    await edit(join(project, 'shared', 'dims.scad'), 'unit = 2;', 'unit = 3;');
    expect((await renderProject(project, 'wasm')).rendered).toEqual(['a1', 'a2', 'b1', 'b2']);
    // A checkout writes the file anew (a new modification time) with the committed bytes.
    git('checkout', '--', 'shared/dims.scad');
    const back = await renderProject(project, 'wasm');
    expect(back.rendered).toEqual([]);
    expect(back.cached).toEqual(allParts);
  });

  it('renders a read-only project with the store elsewhere and takes its parts from there next time; without, renders and says in one warning what is not kept', async () => {
    const project = await copyFixture('e2e-cache');
    const elsewhere = await mkdtemp(join(tmpdir(), 'parascad-read-only-state-'));
    const unmount = await makeReadOnly(project);
    try {
      const outside = ['-o', join(elsewhere, 'out'), '--cache-dir', join(elsewhere, 'store')];
      const first = await renderProject(project, 'wasm', outside);
      expect(first.run.code, first.run.stderr).toBe(0);
      expect(first.rendered).toEqual(allParts);
      // One warning says what the read-only project cannot keep; the store elsewhere is written.
      expect(first.warnings).toEqual([
        expect.stringMatching(/\.parascad cannot be written .*render times.* are not kept/),
      ]);
      expect(first.warnings[0]).not.toMatch(/rendered parts/);
      const second = await renderProject(project, 'wasm', outside);
      expect(second.rendered).toEqual([]);
      expect(second.cached).toEqual(allParts);

      const inside = await renderProject(project, 'wasm', ['-o', join(elsewhere, 'out-2')]);
      expect(inside.run.code, inside.run.stderr).toBe(0);
      expect(inside.rendered).toEqual(allParts);
      expect(inside.warnings).toEqual([
        expect.stringMatching(/\.parascad cannot be written .*the rendered parts .* not kept/),
      ]);
    } finally {
      await unmount();
    }
  });

  it('keeps the state of a read-only project in PARASCAD_STATE_DIR or --state-dir: no warning, render times and the cache are kept, the next run takes every part from there', async () => {
    const project = await copyFixture('e2e-cache');
    const state = await mkdtemp(join(tmpdir(), 'parascad-state-dir-'));
    const unmount = await makeReadOnly(project);
    try {
      const out = ['-o', join(state, 'out')];
      const first = await renderProject(project, 'wasm', out, { PARASCAD_STATE_DIR: state });
      expect(first.run.code, first.run.stderr).toBe(0);
      expect(first.rendered).toEqual(allParts);
      expect(first.warnings).toEqual([]);
      const [folder, ...others] = await readdir(state);
      expect(others).toEqual(['out']);
      expect(folder).toMatch(/^[^/]+-[0-9a-f]{12}$/);
      const kept = await readdir(join(state, folder ?? ''));
      expect(kept).toEqual(
        expect.arrayContaining(['.gitignore', 'cache', 'history.json', 'last-run.json']),
      );

      const second = await renderProject(project, 'wasm', [...out, '--state-dir', state]);
      expect(second.run.code, second.run.stderr).toBe(0);
      expect(second.warnings).toEqual([]);
      expect(second.rendered).toEqual([]);
      expect(second.cached).toEqual(allParts);
    } finally {
      await unmount();
    }
  });

  it('reviews a cached part like a rendered one: its warnings are said again, and fail it under --strict', async () => {
    const project = await mkdtemp(join(tmpdir(), 'parascad-cache-strict-'));
    await writeFile(join(project, 'warned.scad'), 'size = undefined_size;\ncube(10);\n');
    await writeFile(join(project, 'clean.scad'), 'cube(5);\n');
    const render = (extra: readonly string[]): Promise<Outcome> =>
      renderProject(project, 'wasm', ['warned.scad', 'clean.scad', ...extra]);
    const first = await render([]);
    expect(first.run.code, first.run.stderr).toBe(0);
    expect(first.rendered).toEqual(['clean', 'warned']);

    const strict = await render(['--strict']);
    expect(strict.rendered).toEqual([]);
    expect(strict.cached).toEqual(['clean', 'warned']);
    expect(strict.failed).toEqual(['warned']);
    expect(strict.run.code).toBe(1);
    expect(strict.run.stdout).toMatch(/undefined_size/);
    const summary = strict.run.stdout
      .split('\n')
      .map((line) => JSON.parse(line || '{}') as { type?: string; summary?: { cached: number } })
      .find((event) => event.type === 'run-done')?.summary;
    expect(summary?.cached).toBe(1);
    // The entry brings the output's facts and digests: the run need not read it again.
    const cleanDone = strict.run.stdout
      .split('\n')
      .map(
        (line) =>
          JSON.parse(line || '{}') as {
            type?: string;
            result?: {
              job: { name: string };
              outputs: {
                path: string;
                facts?: { kind: string };
                digest?: string;
                geometryDigest?: string;
              }[];
            };
          },
      )
      .find((event) => event.type === 'part-done' && event.result?.job.name === 'clean');
    const output = cleanDone?.result?.outputs[0];
    expect(output?.facts?.kind).toBe('3d');
    expect(output?.geometryDigest).toMatch(/^g2-[0-9a-f]{64}$/);
    expect(output?.digest).toBe(
      createHash('sha256')
        .update(await readFile(output?.path ?? ''))
        .digest('hex'),
    );

    const relaxed = await render([]);
    expect(relaxed.run.code, relaxed.run.stderr).toBe(0);
    expect(relaxed.failed).toEqual([]);
    expect(relaxed.cached).toEqual(['clean', 'warned']);
  });

  it('evicts the least recently used entries beyond cache.maxSize, and those parts render again', async () => {
    const project = await copyFixture('e2e-cache');
    await renderProject(project, 'wasm');
    const sizeOf = async (): Promise<{ bytes: number; entries: number }> =>
      JSON.parse((await runCli(['cache', '--json'], project)).stdout) as {
        bytes: number;
        entries: number;
      };
    const full = await sizeOf();
    expect(full.entries).toBe(6);
    await runCli(['cache', 'clean'], project);
    const limit = Math.floor(full.bytes / 2);
    await appendFile(join(project, 'parascad.config.yaml'), `cache: { maxSize: ${limit} }\n`);

    expect((await renderProject(project, 'wasm')).rendered).toEqual(allParts);
    const bounded = await sizeOf();
    expect(bounded.bytes).toBeLessThanOrEqual(limit);
    expect(bounded.entries).toBeLessThan(6);
    const next = await renderProject(project, 'wasm');
    expect(next.cached).toHaveLength(bounded.entries);
    expect(next.rendered).toHaveLength(6 - bounded.entries);
  });

  it('cleans the store with parascad cache clean', async () => {
    const project = await copyFixture('e2e-cache');
    await renderProject(project, 'wasm');
    const kept = await runCli(['cache', 'clean', '--older-than', '30d'], project);
    expect(kept.stdout).toMatch(/removed 0 entries and 0 stored files no entry used any more/);
    const clean = await runCli(['cache', 'clean'], project);
    expect(clean.code).toBe(0);
    expect((await renderProject(project, 'wasm')).rendered).toEqual(allParts);
  });

  describe.skipIf(!hasNativeOpenScad)(`with both engines ${nativeSkipReason}`, () => {
    it('lets auto take an entry of either engine, and an explicit engine only its own', async () => {
      const project = await copyFixture('e2e-cache');
      expect((await renderProject(project, 'native')).rendered).toEqual(allParts);
      expect((await renderProject(project, 'wasm')).rendered).toEqual(allParts);
      const auto = await renderProject(project, 'auto');
      expect(auto.cached).toEqual(allParts);
    });

    it('re-renders everything when the engine version changes, and starts no OpenSCAD on a full hit', async () => {
      const project = await copyFixture('e2e-cache');
      const { fake, log, install } = await loggingOpenScad();
      await install('2021.01');
      const withFake = ['--openscad', fake];
      expect((await renderProject(project, 'native', withFake)).rendered).toEqual(allParts);
      await rm(log, { force: true });
      expect((await renderProject(project, 'native', withFake)).cached).toEqual(allParts);
      await expect(stat(log)).rejects.toThrow();

      await install('2021.02');
      expect((await renderProject(project, 'native', withFake)).rendered).toEqual(allParts);
    });

    it('remembers what the binary answered in .parascad/probes.json, with --no-cache too, and asks a changed binary again', async () => {
      const project = await copyFixture('e2e-cache');
      const { fake, log, install } = await loggingOpenScad();
      const probes = async (): Promise<string[]> =>
        (await readFile(log, 'utf8').catch(() => ''))
          .split('\n')
          .filter((line) => line === '--version' || line === '--help');
      const run = (): Promise<Outcome> =>
        renderProject(project, 'native', ['--openscad', fake, '--no-cache']);

      await install('2021.01');
      expect((await run()).rendered).toEqual(allParts);
      expect((await probes()).sort()).toEqual(['--help', '--version']);
      const remembered = JSON.parse(
        await readFile(join(project, '.parascad', 'probes.json'), 'utf8'),
      ) as Record<string, { version: string }>;
      expect(Object.values(remembered).map((entry) => entry.version)).toEqual(['2021.01']);
      // --no-cache kept its word: no cache folder.
      await expect(stat(join(project, '.parascad', 'cache'))).rejects.toThrow();

      await rm(log);
      expect((await run()).rendered).toEqual(allParts);
      expect(await probes()).toEqual([]);

      await rm(log);
      await install('2021.02');
      expect((await run()).rendered).toEqual(allParts);
      expect((await probes()).sort()).toEqual(['--help', '--version']);
    });
  });
});
