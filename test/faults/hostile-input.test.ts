import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hasNativeOpenScad, nativeSkipReason } from '../support/has-native-openscad.js';
import { runCli } from '../support/run-cli.js';

let root: string;
let project: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'parascad-hostile-'));
  project = join(root, 'project');
  await mkdir(project);
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const marked = 'module part() //render.model.stl\n{ cube(1); }\n';

describe.skipIf(process.platform === 'win32')('hostile input', () => {
  it('refuses a FIFO as project.scad at once, naming it, instead of waiting for a writer', async () => {
    expect(spawnSync('mkfifo', [join(project, 'project.scad')]).status).toBe(0);
    const run = await runCli(['render', '--engine', 'wasm'], project);
    expect(run.code, run.stdout + run.stderr).toBe(2);
    expect(run.stderr).toContain(
      `${join(project, 'project.scad')} is a FIFO (named pipe), not a regular file`,
    );
  });

  it('refuses a FIFO given as a config file, naming it', async () => {
    expect(spawnSync('mkfifo', [join(project, 'parascad.config.yaml')]).status).toBe(0);
    const run = await runCli(['list', '-c', 'parascad.config.yaml'], project);
    expect(run.code, run.stdout + run.stderr).toBe(2);
    expect(run.stderr).toMatch(
      /parascad\.config\.yaml is a FIFO \(named pipe\), not a regular file/,
    );
  });

  it('says it cannot create -o /proc/x instead of spinning forever', async () => {
    await writeFile(join(project, 'project.scad'), marked);
    const run = await runCli(['render', '--engine', 'wasm', '-o', '/proc/x'], project);
    expect(run.code, run.stdout + run.stderr).toBe(2);
    expect(run.stderr).toContain('cannot create the output folder /proc/x');
  });

  it('renders on with a state folder, cache or report it cannot create under /proc, instead of spinning forever', async () => {
    await writeFile(join(project, 'project.scad'), marked);
    const state = await runCli(['render', '--engine', 'wasm', '--state-dir', '/proc/x'], project);
    expect(state.code, state.stdout + state.stderr).toBe(0);
    expect(state.stdout + state.stderr).toMatch(
      /warning: \/proc\/x\/\S+ cannot be written \(ENOENT\)/,
    );
    const cache = await runCli(['render', '--engine', 'wasm', '--cache-dir', '/proc/x'], project);
    expect(cache.code, cache.stdout + cache.stderr).toBe(0);
    expect(cache.stdout + cache.stderr).toContain(
      'warning: the cache at /proc/x cannot be written (ENOENT)',
    );
    const report = await runCli(
      ['render', '--engine', 'wasm', '--report', 'html=/proc/x/gallery'],
      project,
    );
    expect(report.code, report.stdout + report.stderr).toBe(1);
    expect(report.stdout + report.stderr).toContain(
      'could not write the html report to /proc/x/gallery',
    );
  });

  it("refuses -o '' rather than writing outputs among the sources", async () => {
    await writeFile(join(project, 'project.scad'), marked);
    for (const command of ['render', 'list']) {
      const run = await runCli([command, '--engine', 'wasm', '-o', ''], project);
      expect(run.code, run.stdout + run.stderr).toBe(2);
      expect(run.stderr).toContain('the output folder (-o, --out-dir) is empty');
    }
    expect(await readdir(project)).toEqual(['project.scad']);
  });

  it('warns, at the parameter, that a marked module needing arguments renders with undef', async () => {
    await writeFile(
      join(project, 'project.scad'),
      'module needs(w, h = 2) //render.model.stl\n{ cube([w, h, 1]); }\n',
    );
    const run = await runCli(['list'], project);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stderr).toContain(
      'project.scad:1:14: warning: needs() is rendered without arguments, so w (no default) is undef in it',
    );
  });

  it.skipIf(!hasNativeOpenScad)(
    `places the native engine's missing include at its statement, as WASM does ${nativeSkipReason}`,
    async () => {
      await writeFile(
        join(project, 'project.scad'),
        `// a part whose include is missing\ninclude <missing.scad>\n${marked}`,
      );
      for (const engine of ['native', 'wasm']) {
        const run = await runCli(['render', '--engine', engine], project);
        expect(run.code, run.stdout + run.stderr).toBe(1);
        expect(run.stdout).toMatch(
          /project\.scad:2(:1)?: warning: Can't open include file 'missing\.scad'/,
        );
      }
    },
  );
});
