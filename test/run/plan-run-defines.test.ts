import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { planRun } from '../../src/run/plan-run.js';
import { problemsOf } from '../plan/plan-outcome.js';
import { copyFixture } from '../support/copy-fixture.js';

let project: string | undefined;
afterEach(async () => {
  if (project !== undefined) await rm(dirname(project), { recursive: true, force: true });
  project = undefined;
});

describe('planRun with -D', () => {
  it('gives every part the value, over params, parameter sets and matrix', async () => {
    project = await copyFixture('e2e-project');

    const plan = await planRun({ cwd: project, defines: ['depth=9', 'label_width=7'] });

    const variables = new Map(plan.jobs.map((job) => [job.name, job.variables]));
    // lid's sets say depth 15 and 45, tag's params label_width 12.
    expect(variables.get('lid-small')).toMatchObject({ width: '25', depth: '9' });
    expect(variables.get('lid-large')).toMatchObject({ width: '60', depth: '9' });
    expect(variables.get('base-width20-wall1.2')).toMatchObject({ width: '20', depth: '9' });
    expect(variables.get('tag')).toMatchObject({ label_width: '7', corners: '[2, 3]' });
    // Whole files too: they take the values through -D as well.
    expect(variables.get('bracket')).toMatchObject({ depth: '9', label_width: '7' });
  });

  it('says so when -D makes two variants of a matrix the same part', async () => {
    project = await copyFixture('e2e-project');

    const problems = await problemsOf(planRun({ cwd: project, defines: ['width=99'] }));

    expect(problems.map((problem) => problem.message)).toEqual([
      'base-width30-wall1.2 (box.scad) is the same part as base-width20-wall1.2 once -D width sets their values',
      'base-width30-wall2 (box.scad) is the same part as base-width20-wall2 once -D width sets their values',
    ]);
    expect(problems[0]?.hint).toMatch(
      /^-D width overrides the value that tells these variants apart/,
    );
  });

  it('gives the parts of a classic marker project the value too', async () => {
    project = await copyFixture('classic-markers');

    const plan = await planRun({ cwd: project, defines: ['size=30'] });

    expect(plan.jobs.length).toBeGreaterThan(0);
    for (const job of plan.jobs) expect(job.variables).toMatchObject({ size: '30' });
  });
});
