import { copyFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { copyFixture } from '../support/copy-fixture.js';
import { runCli, stopStartedClis } from '../support/run-cli.js';

afterEach(stopStartedClis);

const firstLine = (text: string): string => text.split('\n')[0] ?? '';

/**
 * A folder holding every source of parts at once: parascad.config.yaml, render_config.yml, a
 * first-generation renderer.py (listing disc) and a project.scad with markers (knob, ring).
 */
async function folderWithEverySource(): Promise<string> {
  const project = await copyFixture('classic-gateway');
  const markers = await copyFixture('classic-markers');
  await copyFile(join(markers, 'project.scad'), join(project, 'project.scad'));
  await writeFile(
    join(project, 'render_config.yml'),
    'scad_file: renderer.scad\nmodels:\n  - module: plate\n',
  );
  await writeFile(
    join(project, 'parascad.config.yaml'),
    'files:\n  - path: renderer.scad\n    modules: [washer]\n    mode: include\n',
  );
  return project;
}

describe('which source of parts parascad uses', () => {
  it('takes the config, render_config.yml, renderer.py, then the markers, and says which on the first line', async () => {
    const project = await folderWithEverySource();
    const seen: string[] = [];

    for (const next of ['parascad.config.yaml', 'render_config.yml', 'renderer.py', '']) {
      const run = await runCli(['list'], project);
      expect(run.code, run.stderr).toBe(0);
      seen.push(`${firstLine(run.stdout)} → ${run.stdout.match(/^\S+$/gm)?.join(' ') ?? ''}`);
      if (next !== '') await rm(join(project, next));
    }

    expect(seen).toEqual([
      "parts from parascad.config.yaml · $fn = 24 (renderer.scad's own, line 4) → washer",
      'parts from render_config.yml · $fn = 95 (the classic default) → plate',
      "parts from renderer.py's models list (modules of renderer.scad) · $fn = 24 (renderer.scad's own, line 4) → disc plate washer",
      'parts from the markers of project.scad · $fn = 16 (//render.quality in project.scad) → knob ring',
    ]);
  });

  it('filters the chosen source by a file it covers, and renders a file it does not cover from its own markers', async () => {
    const project = await folderWithEverySource();
    await rm(join(project, 'parascad.config.yaml'));
    await rm(join(project, 'render_config.yml'));

    const covered = await runCli(['list', 'renderer.scad', 'washer'], project);
    const uncovered = await runCli(['list', 'project.scad'], project);

    expect(firstLine(covered.stdout)).toMatch(/^parts from renderer\.py's models list/);
    expect(covered.stdout.match(/^\S+$/gm)).toEqual(['washer']);
    expect(firstLine(uncovered.stdout)).toBe(
      'parts from the markers of project.scad · $fn = 16 (//render.quality in project.scad)',
    );
    expect(uncovered.stdout.match(/^\S+$/gm)).toEqual(['knob', 'ring']);
  });

  it('uses the source beside a .scad file given from another folder, unless the current folder has one', async () => {
    const project = await folderWithEverySource();
    await rm(join(project, 'parascad.config.yaml'));
    const elsewhere = await copyFixture('classic-empty');
    const file = join(project, 'renderer.scad');

    const fromElsewhere = await runCli(['list', file], elsewhere);
    const twoFolders = await runCli(['list', file, join(elsewhere, 'x.scad')], elsewhere);
    await writeFile(
      join(elsewhere, 'render_config.yml'),
      'scad_file: own.scad\nmodels:\n  - module: own\n',
    );
    await writeFile(join(elsewhere, 'own.scad'), 'module own() cube(1);\n');
    const besideOwn = await runCli(['list', file], elsewhere);

    expect(fromElsewhere.code, fromElsewhere.stderr).toBe(0);
    expect(firstLine(fromElsewhere.stdout)).toBe(
      `parts from ${join(project, 'render_config.yml')} · $fn = 95 (the classic default)`,
    );
    expect(fromElsewhere.stdout.match(/^\S+$/gm)).toEqual(['plate']);
    // Files from two folders, or a current folder with its own source: that folder decides.
    expect(firstLine(twoFolders.stdout)).not.toContain('render_config.yml');
    expect(firstLine(besideOwn.stdout)).toMatch(/^parts from the markers of \S+renderer\.scad · /);
  });

  it('keeps the classic flags: -c renderer.py, -f FILE, -a for the markers and --auto= for render_config.yml', async () => {
    const project = await folderWithEverySource();

    const config = await runCli(['list', '-c', 'renderer.py'], project);
    const named = await runCli(['list', 'renderer.py'], project);
    const file = await runCli(['list', '-f', 'project.scad', '-c', 'render_config.yml'], project);
    const markers = await runCli(['list', '-a'], project);
    const renderConfig = await runCli(['list', '--auto='], project);

    expect(firstLine(config.stdout)).toMatch(/^parts from renderer\.py's models list/);
    expect(firstLine(named.stdout)).toMatch(/^parts from renderer\.py's models list/);
    expect(firstLine(file.stdout)).toMatch(/^parts from the markers of project\.scad/);
    expect(firstLine(markers.stdout)).toMatch(/^parts from the markers of project\.scad/);
    expect(firstLine(renderConfig.stdout)).toMatch(/^parts from render_config\.yml/);
  });

  it('answers a mistyped command with the command meant, and an empty folder with every project form', async () => {
    const project = await copyFixture('classic-markers');
    const empty = await copyFixture('classic-empty');

    const typo = await runCli(['lsit'], project);
    const partTypo = await runCli(['knb'], project);
    const nothing = await runCli([], empty);

    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('error: unknown command lsit');
    expect(typo.stderr).toContain('hint: did you mean parascad list?');
    expect(partTypo.stderr).toContain('error: no part is named knb');
    expect(partTypo.stderr).toContain('hint: did you mean knob?');
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain(
      'no parascad.config.yaml, render_config.yml, renderer.py with a models list, or project.scad',
    );
  });

  it('reports an entry of renderer.py it cannot read at its place, and renders nothing', async () => {
    const project = await copyFixture('classic-gateway');
    await writeFile(
      join(project, 'renderer.py'),
      'models = [\n    {"module": "disc", "suffix": "stl"},\n    {"module": part_name, "suffix": "stl"},\n]\n',
    );

    const run = await runCli(['render', '--engine', 'wasm'], project);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'renderer.py:3:16: error: models entry cannot be read: the value of "module" must be a string literal, found "part_name"',
    );
  });

  it('reads renderer.py, render_config.yml and project.scad saved with a byte order mark, counting columns as editors do', async () => {
    const project = await copyFixture('classic-gateway');
    const bom = '\uFEFF';
    const rendererPy = join(project, 'renderer.py');

    await writeFile(rendererPy, `${bom}models = [{"module": "disc", "suffix": "stl"}]\n`);
    const listed = await runCli(['list'], project);
    await writeFile(rendererPy, `${bom}models = [{"module": "disc", "suffix": "stlx"}]\n`);
    const badPy = await runCli(['list'], project);
    await rm(rendererPy);
    await writeFile(
      join(project, 'render_config.yml'),
      `${bom}models: [{module: disc, suffix: stlx}]\n`,
    );
    const badYml = await runCli(['list'], project);
    await rm(join(project, 'render_config.yml'));
    await writeFile(
      join(project, 'project.scad'),
      `${bom}//render.quality 4x\nmodule m() //render.model.stl\n{}\n`,
    );
    const badScad = await runCli(['list'], project);

    expect(listed.code, listed.stderr).toBe(0);
    expect(firstLine(listed.stdout)).toMatch(/^parts from renderer\.py's models list /);
    expect(badPy.stderr).toContain(
      'renderer.py:1:40: error: unknown export format "stlx"\n    models = [{"module": "disc", "suffix": "stlx"}]\n' +
        `    ${' '.repeat(39)}^^^^^^`,
    );
    expect(badYml.stderr).toContain(
      'render_config.yml:1:33: error: unknown export format "stlx"\n    models: [{module: disc, suffix: stlx}]\n' +
        `    ${' '.repeat(32)}^^^^`,
    );
    expect(badScad.stderr).toContain(
      'project.scad:1:18: error: //render.quality must be a positive integer, got "4x"\n    //render.quality 4x\n' +
        `    ${' '.repeat(17)}^^`,
    );
  });
});
