import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, stopStartedClis } from '../support/run-cli.js';

afterEach(stopStartedClis);

describe('parascad init', () => {
  it('makes a new project folder, as git init FOLDER does, and never overwrites a config', async () => {
    const work = await mkdtemp(join(tmpdir(), 'parascad-init-'));
    const created = await runCli(['init', 'new/project'], work);
    expect(created.code, created.stderr).toBe(0);
    const config = join(work, 'new', 'project', 'parascad.config.yaml');
    expect(created.stdout).toBe(`wrote ${config}\n`);
    expect(await readFile(config, 'utf8')).toMatch(/^# yaml-language-server: \$schema=/);

    const again = await runCli(['init', 'new/project'], work);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`${config} exists already`);
  });

  it('suggests the $schema key, not a YAML comment, for an existing parascad.config.json', async () => {
    const work = await mkdtemp(join(tmpdir(), 'parascad-init-'));
    await writeFile(join(work, 'parascad.config.json'), '{"files":[{"path":"*.scad"}]}\n');

    const run = await runCli(['init'], work);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${join(work, 'parascad.config.json')} exists already`);
    expect(run.stderr).toMatch(
      /add this key to its top-level object .*: "\$schema": "file:\/\/\S+"/,
    );
    expect(run.stderr).not.toContain('yaml-language-server');
  });

  it('says why it cannot write the config, without a stack trace', async () => {
    const work = await mkdtemp(join(tmpdir(), 'parascad-init-'));
    await writeFile(join(work, 'file'), '');
    for (const [folder, code] of [
      ['file/sub', 'ENOTDIR'],
      ['/proc/parascad-init', 'ENOENT'],
    ] as const) {
      const run = await runCli(['init', folder], work);
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toContain(`parascad.config.yaml (${code})`);
      expect(run.stderr).not.toContain('bug in parascad');
    }
  });
});
