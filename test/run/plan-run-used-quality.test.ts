import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { partProgram } from '../../src/plan/part-program.js';
import { planRun } from '../../src/run/plan-run.js';
import { copyFixture } from '../support/copy-fixture.js';

/** A project whose config lists rod.scad's modules (use mode), the file assigning `$fn` so. */
async function rodProject(assignment: string): Promise<string> {
  const project = await copyFixture('classic-empty');
  await writeFile(
    join(project, 'rod.scad'),
    `q = 12;\n${assignment}\nmodule rod() //render.model.stl\n{ cylinder(d = 10, h = 5); }\n`,
  );
  await writeFile(join(project, 'parascad.config.yaml'), 'files:\n  - path: rod.scad\n');
  return project;
}

describe("planRun and a used file's own $fn", () => {
  it('gives a number (or an expression of $ variables) to the main program, without a warning', async () => {
    const plan = await planRun({ cwd: await rodProject('$fn = $preview ? 6 : 12;') });
    const [rod] = plan.jobs;
    expect(rod?.mode).toBe('use');
    expect(rod === undefined ? [] : partProgram(rod).defines).toEqual(['$fn = $preview ? 6 : 12']);
    expect(plan.warnings).toEqual([]);
  });

  it('warns where the value needs a variable of the file, which OpenSCAD 2025 does not pass on', async () => {
    const project = await rodProject('$fn = q;');
    const plan = await planRun({ cwd: project });
    const [rod] = plan.jobs;
    expect(rod === undefined ? [] : partProgram(rod).defines).toEqual([]);
    expect(plan.warnings).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(
          /^\$fn = q at the top level of rod\.scad is not seen by its parts on OpenSCAD 2025/,
        ) as unknown,
        location: expect.objectContaining({ file: join(project, 'rod.scad'), line: 2 }) as unknown,
      }),
    ]);
  });
});
