import { mkdir, readdir, rm, symlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture } from '../support/copy-fixture.js';
import { runCli } from '../support/run-cli.js';

let project: string;
beforeAll(async () => {
  project = await copyFixture('faults-symlink');
});
afterAll(async () => {
  await rm(dirname(project), { recursive: true, force: true });
});

describe.skipIf(process.platform === 'win32')('an output template and symlinks', () => {
  it('refuses to write through a symlinked subfolder that leads out of the output folder', async () => {
    const elsewhere = join(dirname(project), 'elsewhere');
    await mkdir(elsewhere);
    await mkdir(join(project, 'outputs'));
    await symlink(elsewhere, join(project, 'outputs', 'sub'));
    const run = await runCli(['render', '--engine', 'wasm'], project);
    expect(run.code, run.stdout + run.stderr).toBe(1);
    expect(run.stdout).toMatch(/✗ block[\s\S]*leads out of the output folder/);
    expect(await readdir(elsewhere)).toEqual([]);
  });
});
