import { describe, expect, it } from 'vitest';
import type { ClassicProject } from '../../src/discovery/classic-project.js';
import { ConfigError } from '../../src/errors.js';
import { planJobs } from '../../src/plan/plan-jobs.js';

const at = { file: '/p/project.scad', line: 3 };
const project: ClassicProject = {
  kind: 'annotations',
  scadFile: '/p/project.scad',
  models: [
    { module: 'gear', formats: ['stl', 'off'], declaredAt: at, requestedAt: at },
    { module: 'gasket', formats: ['dxf'], declaredAt: at, requestedAt: at },
  ],
  warnings: [],
};

describe('planJobs', () => {
  it('makes one part per module with every format under the output folder', () => {
    const jobs = planJobs(project, { outDir: '/p/outputs', projectDir: '/p' });
    expect(
      jobs.map((job) => [job.name, job.mode, job.outputs.map((output) => output.path)]),
    ).toEqual([
      ['gear', 'include', ['/p/outputs/gear.stl', '/p/outputs/gear.off']],
      ['gasket', 'include', ['/p/outputs/gasket.dxf']],
    ]);
    expect(jobs[0]?.id).toMatch(/^project\.scad#gear#[0-9a-f]{10}$/);
  });

  it('uses the project quality as $fn', () => {
    const [job] = planJobs({ ...project, quality: 30 }, { outDir: '/o', projectDir: '/p' });
    expect(job?.quality).toEqual({ $fn: 30 });
  });

  it('refuses a file name an include statement cannot hold', () => {
    expect(() =>
      planJobs({ ...project, scadFile: '/p/a>b.scad' }, { outDir: '/o', projectDir: '/p' }),
    ).toThrow(ConfigError);
  });
});
