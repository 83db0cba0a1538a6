import { copyFile, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConfigProblem } from '../../src/errors.js';
import { planRun } from '../../src/run/plan-run.js';
import { copyFixture } from '../support/copy-fixture.js';
import { problemsOf } from '../plan/plan-outcome.js';

const everyStage = fileURLToPath(new URL('../fixtures/config/every-stage.yaml', import.meta.url));

let project: string | undefined;
afterEach(async () => {
  if (project !== undefined) await rm(dirname(project), { recursive: true, force: true });
  project = undefined;
});

/** `file:line:col message` of each problem, the file relative to the project. */
function placed(problems: readonly ConfigProblem[]): string[] {
  return problems.map(({ location, message }) => {
    const file = location === undefined ? '?' : location.file.slice((project ?? '').length + 1);
    return `${file}:${location?.line}:${location?.column} ${message}`;
  });
}

describe('planRun on a config with problems of every stage', () => {
  it('reports the unknown key, the unknown module and the values of the wrong type in one run', async () => {
    project = await copyFixture('e2e-project');
    await copyFile(everyStage, join(project, 'parascad.config.yaml'));

    const problems = await problemsOf(planRun({ cwd: project }));

    expect(placed(problems)).toEqual([
      'parascad.config.yaml:4:3 unknown key "fromats" in defaults',
      'parascad.config.yaml:8:9 module "lidd" is not declared in box.scad',
      'parascad.config.yaml:10:26 width is a string (wide), but its default (box.scad:2) is a number',
      `parascad.config.yaml:12:28 files[0].modules[2].params.corners must be a number, string, boolean, null or a list of those, got a mapping`,
    ]);
    expect(problems[0]?.hint).toBe('did you mean formats?');
    expect(problems[1]?.hint).toContain('did you mean lid?');
  });

  it("reports a render_config.yml's unknown keys and unknown modules in one run", async () => {
    project = await copyFixture('e2e-config');
    await writeFile(
      join(project, 'render_config.yml'),
      [
        'scad_file: model.scad',
        'thraeds: 2',
        'models:',
        '  - module: nosuch',
        '    suffix: stll',
        '',
      ].join('\n'),
    );

    const problems = await problemsOf(planRun({ cwd: project }));

    expect(placed(problems)).toEqual([
      'render_config.yml:2:1 unknown key "thraeds"',
      'render_config.yml:4:13 module "nosuch" is not declared in model.scad',
      'render_config.yml:5:13 unknown export format "stll"',
    ]);
  });
});
