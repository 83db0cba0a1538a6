import { describe, expect, it } from 'vitest';
import type { ClassicProject } from '../../src/discovery/classic-project.js';
import { ConfigError } from '../../src/errors.js';
import { planJobs } from '../../src/plan/plan-jobs.js';
import { wrapperSource } from '../../src/plan/wrapper-source.js';

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
    expect(jobs.map((job) => [job.id, job.outputs.map((output) => output.path)])).toEqual([
      ['project.scad#gear#fn=95', ['/p/outputs/gear.stl', '/p/outputs/gear.off']],
      ['project.scad#gasket#fn=95', ['/p/outputs/gasket.dxf']],
    ]);
  });

  it('uses the project quality as $fn', () => {
    const [job] = planJobs({ ...project, quality: 30 }, { outDir: '/o', projectDir: '/p' });
    expect(job?.quality).toBe(30);
  });

  it('refuses a file name an include statement cannot hold', () => {
    expect(() =>
      planJobs({ ...project, scadFile: '/p/a>b.scad' }, { outDir: '/o', projectDir: '/p' }),
    ).toThrow(ConfigError);
  });
});

describe('wrapperSource', () => {
  it('includes the file, then sets the guard and quality after it so they win, then calls the module', () => {
    const [job] = planJobs({ ...project, quality: 48 }, { outDir: '/o', projectDir: '/p' });
    if (job === undefined) throw new Error('no job');
    const lines = wrapperSource(job).split('\n');
    expect(lines.slice(1, 5)).toEqual([
      'include <project.scad>',
      'batch_rendering = true;',
      '$fn = 48;',
      'gear();',
    ]);
  });
});
