import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { copyFixture } from '../support/copy-fixture.js';
import { hasNativeOpenScad, nativeSkipReason } from '../support/has-native-openscad.js';
import { listFiles } from '../support/list-files.js';
import { startCli, stopStartedClis } from '../support/run-cli.js';

afterEach(stopStartedClis);

/** The JSON lines `parascad watch --json` prints: its own events and each round's run events. */
interface WatchLine {
  readonly type: string;
  readonly round?: number;
  readonly replanned?: boolean;
  readonly parts?: string[];
  readonly changed?: string[];
  readonly job?: { name: string };
  readonly result?: { job: { name: string }; status: string; cached?: unknown };
  readonly summary?: { changes?: { gone: unknown[]; unchanged: number; changed: number } };
}

/** `parascad watch` running on a project, with its events as they arrive. */
function startWatch(project: string, engine: 'native' | 'wasm') {
  const lines: WatchLine[] = [];
  let buffered = '';
  const started = startCli(
    ['watch', '--engine', engine, '--json', '--debounce', '300'],
    project,
    undefined,
    { PARASCAD_CACHE_DIR: undefined, OPENSCADPATH: undefined },
  );
  started.child.stdout?.on('data', (chunk: Buffer | string) => {
    buffered += chunk.toString();
    const complete = buffered.split('\n');
    buffered = complete.pop() ?? '';
    for (const line of complete) if (line.trim() !== '') lines.push(JSON.parse(line) as WatchLine);
  });
  /** Polls until `found` answers something; the test's own timeout bounds the wait. */
  const until = async <T>(found: () => T | undefined): Promise<T> => {
    for (;;) {
      const value = found();
      if (value !== undefined) return value;
      if (started.child.exitCode !== null) {
        throw new Error(`watch ended early: ${(await started.done).stderr}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  /** The events of round `round`, once it is over (the loop waits again). */
  const round = async (number: number): Promise<WatchLine[]> =>
    until(() => {
      const begin = lines.findIndex((line) => line.type === 'watch-round' && line.round === number);
      if (begin === -1) return undefined;
      const end = lines.findIndex((line, index) => index > begin && line.type === 'watch-idle');
      return end === -1 ? undefined : lines.slice(begin, end);
    });
  return { ...started, lines, until, round };
}

/** Names of the parts a round rendered (not taken from the cache), sorted. */
function rendered(events: readonly WatchLine[]): string[] {
  return events
    .flatMap((event) =>
      event.type === 'part-done' &&
      event.result?.status === 'ok' &&
      event.result.cached === undefined
        ? [event.result.job.name]
        : [],
    )
    .sort();
}

async function edit(file: string, from: string | RegExp, to: string): Promise<void> {
  const text = await readFile(file, 'utf8');
  if (!(typeof from === 'string' ? text.includes(from) : from.test(text))) {
    throw new Error(`${file} has no ${String(from)}`);
  }
  await writeFile(file, text.replace(from, to));
}

/** Processes whose command line names the project (an OpenSCAD writing into its outputs). */
function processesOf(project: string): string[] {
  return execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes(project));
}

describe.each(['wasm' as const, ...(hasNativeOpenScad ? ['native' as const] : [])])(
  `parascad watch on the %s engine ${nativeSkipReason}`,
  (engine) => {
    it(
      're-renders exactly the parts a saved file reaches, re-plans on a config edit, restarts a part changed while it renders, and stops cleanly on Ctrl-C',
      { timeout: 600_000 },
      async () => {
        const project = await copyFixture('e2e-watch');
        const watching = startWatch(project, engine);

        expect(rendered(await watching.round(1))).toEqual(['a', 'b', 'c']);

        await edit(join(project, 'shared', 'dims.scad'), 'unit = 2;', 'unit = 3;');
        const shared = await watching.round(2);
        expect(shared[0]).toMatchObject({ type: 'watch-round', parts: ['a', 'b'] });
        expect(rendered(shared)).toEqual(['a', 'b']);
        // c, left out of the round, is not gone from the project (nor from the next comparison).
        expect(shared.find((line) => line.type === 'run-done')?.summary?.changes).toMatchObject({
          gone: [],
          changed: 2,
        });

        await edit(join(project, 'parts', 'c.scad'), 'cube(size', 'cube(1 + size');
        const third = await watching.round(3);
        expect(rendered(third)).toEqual(['c']);
        expect(third.find((line) => line.type === 'run-done')?.summary?.changes).toMatchObject({
          gone: [],
          changed: 1,
        });

        await edit(join(project, 'parascad.config.yaml'), 'size: 2', 'size: 3');
        const replanned = await watching.round(4);
        expect(replanned[0]).toMatchObject({ type: 'watch-round', replanned: true, parts: ['c'] });
        expect(rendered(replanned)).toEqual(['c']);

        // c now evaluates for minutes; saved again while it renders, it is stopped and restarted.
        // The second save must come after OpenSCAD read the first (part-start comes just before):
        // when it came too early, c simply rendered the fast version, and the test tries again,
        // waiting longer.
        let round = 4;
        let restarted = false;
        for (let attempt = 1; attempt <= 5 && !restarted; attempt++) {
          const slow = `n = ${900_000 + attempt};`;
          await edit(join(project, 'parts', 'c.scad'), /n = \d+;/, slow);
          round += 1;
          const busy = round;
          await watching.until(() =>
            watching.lines
              .slice(watching.lines.findIndex((line) => line.round === busy))
              .some((line) => line.type === 'part-start' && line.job?.name === 'c')
              ? true
              : undefined,
          );
          await new Promise((resolve) => setTimeout(resolve, attempt * 2000));
          await edit(join(project, 'parts', 'c.scad'), slow, `n = ${10 + attempt};`);
          const during = await watching.round(busy);
          const statuses = during
            .filter((event) => event.type === 'part-done')
            .map((event) => event.result?.status);
          if (statuses[0] === 'cancelled') {
            expect(statuses).toEqual(['cancelled']);
            round += 1;
            expect(rendered(await watching.round(round))).toEqual(['c']);
            restarted = true;
          } else {
            // Rendered the fast version already; its next round sees no change of what it read.
            expect(statuses).toEqual(['ok']);
            round += 1;
            await watching.round(round);
          }
        }
        expect(restarted).toBe(true);
        expect(await readFile(join(project, 'outputs', 'c.stl'), 'utf8')).toMatch(/facet/);

        watching.child.kill('SIGINT');
        const end = await watching.done;
        expect(end.code, end.stderr).toBe(130);
        expect(processesOf(project)).toEqual([]);
        expect((await listFiles(project)).filter((file) => file.includes('.parascad-'))).toEqual(
          [],
        );
        const pid = String(watching.child.pid);
        expect(
          (await readdir(tmpdir())).filter((name) => name.startsWith(`parascad-part-${pid}-`)),
        ).toEqual([]);
      },
    );
  },
);

describe('parascad watch and what changed', () => {
  it('counts the parts a round leaves out as left out, not gone, even beside it in one file', async () => {
    const project = await mkdtemp(join(tmpdir(), 'parascad-watch-changes-'));
    await writeFile(
      join(project, 'parts.scad'),
      'module a() { cube(2); }\nmodule b() { sphere(2); }\n',
    );
    const config = join(project, 'parascad.config.yaml');
    await writeFile(config, 'files:\n  - path: parts.scad\n    modules: [a]\n');
    const watching = startWatch(project, 'wasm');
    try {
      expect(rendered(await watching.round(1))).toEqual(['a']);

      await writeFile(config, 'files:\n  - path: parts.scad\n    modules: [a, b]\n');
      const added = await watching.round(2);
      expect(rendered(added)).toEqual(['b']);
      expect(added.find((line) => line.type === 'run-done')?.summary?.changes).toMatchObject({
        gone: [],
      });

      // a stayed in the record: gaining a format, it is changed, not new.
      await writeFile(
        config,
        'files:\n  - path: parts.scad\n    modules: [a, b]\n    formats: [stl, off]\n',
      );
      const formats = await watching.round(3);
      expect(rendered(formats)).toEqual(['a', 'b']);
      expect(formats.find((line) => line.type === 'run-done')?.summary?.changes).toMatchObject({
        changed: 2,
        gone: [],
      });
    } finally {
      watching.child.kill('SIGINT');
      await watching.done;
      await rm(project, { recursive: true, force: true });
    }
  });

  it('renders the files saved while the config was broken once it is fixed', async () => {
    const project = await mkdtemp(join(tmpdir(), 'parascad-watch-broken-'));
    await writeFile(join(project, 'a.scad'), 'w = 10;\nmodule p() { cube(w); }\n');
    const config = join(project, 'parascad.config.yaml');
    const good = 'files:\n  - path: a.scad\n    modules: [p]\n';
    await writeFile(config, good);
    const watching = startWatch(project, 'wasm');
    try {
      expect(rendered(await watching.round(1))).toEqual(['p']);

      await writeFile(config, 'files:\n  - path: a.scad\n    modules: [q]\n');
      await watching.until(() => watching.lines.find((line) => line.type === 'watch-error'));
      await edit(join(project, 'a.scad'), 'w = 10;', 'w = 20;');
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await writeFile(config, good);

      const fixed = await watching.round(2);
      expect(rendered(fixed)).toEqual(['p']);
      const stl = await readFile(join(project, 'outputs', 'p.stl'), 'utf8');
      expect(stl).toMatch(/vertex 20 20 20/);
      expect(fixed[0]?.changed).toEqual([join(project, 'a.scad'), config]);

      // Saved as vim saves: a probe file made and removed, which is no change to speak of.
      await writeFile(join(project, '4913'), '');
      await rm(join(project, '4913'));
      await edit(join(project, 'a.scad'), 'w = 20;', 'w = 30;');
      expect((await watching.round(3))[0]?.changed).toEqual([join(project, 'a.scad')]);
    } finally {
      watching.child.kill('SIGINT');
      await watching.done;
      await rm(project, { recursive: true, force: true });
    }
  });
});
