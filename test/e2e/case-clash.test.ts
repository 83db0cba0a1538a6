import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, stopStartedClis } from '../support/run-cli.js';

afterEach(stopStartedClis);

const clash =
  'outputs/Lid.stl of Lid and outputs/lid.stl of lid are one file on a disk that does not tell case apart (macOS, Windows)';

/** A folder with modules Lid and lid, both marked for STL. */
async function markedLidAndlid(): Promise<string> {
  const project = await mkdtemp(join(tmpdir(), 'parascad-case-clash-'));
  await writeFile(
    join(project, 'project.scad'),
    'module Lid() //render.model.stl\n{ cube(3); }\nmodule lid() //render.model.stl\n{ cube(2); }\n',
  );
  return project;
}

describe('classic parts whose outputs differ only in case', () => {
  it('renders marked modules Lid and lid, warning at both markers', async () => {
    const project = await markedLidAndlid();

    const run = await runCli(['render', '--engine', 'wasm'], project);

    expect(run.code, run.stdout + run.stderr).toBe(0);
    const output = run.stdout + run.stderr;
    expect(output).toContain(`project.scad:1:14: warning: ${clash}`);
    expect(output).toContain(`project.scad:3:14: warning: ${clash}`);
    expect(output).toContain('hint: rename one of the modules');
  });

  it('warns at both entries of render_config.yml, and fails them under --strict', async () => {
    const project = await markedLidAndlid();
    await writeFile(
      join(project, 'render_config.yml'),
      'scad_file: project.scad\nmodels:\n  - module: Lid\n  - module: lid\n',
    );

    const listed = await runCli(['list'], project);
    const strict = await runCli(['render', '--engine', 'wasm', '--strict'], project);

    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stderr).toContain(`render_config.yml:3:5: warning: ${clash}`);
    expect(listed.stderr).toContain(`render_config.yml:4:5: warning: ${clash}`);
    expect(strict.code).toBe(1);
  });
});
