import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConfigProblem } from '../../src/errors.js';
import { planFiles } from '../../src/plan/plan-files.js';
import { fixture } from './fixture-path.js';
import { problemsOf } from './plan-outcome.js';

const cwd = fixture('config-files');

describe('planFiles', () => {
  it('plans globs like a files entry with modules: marked, relative to the working folder', async () => {
    const jobs = await planFiles(['parts/*.scad'], { cwd });

    expect(
      jobs.map((job) => [
        job.name,
        job.module,
        job.mode,
        job.quality,
        job.outputs.map((o) => o.path),
      ]),
    ).toEqual([
      [
        'bracket',
        'bracket',
        'include',
        { $fn: 48 },
        [join(cwd, 'outputs', 'bracket.stl'), join(cwd, 'outputs', 'bracket.3mf')],
      ],
      [
        'bracket_outline',
        'bracket_outline',
        'include',
        { $fn: 48 },
        [join(cwd, 'outputs', 'bracket_outline.dxf')],
      ],
      ['hinge', 'hinge', 'use', { $fn: 95 }, [join(cwd, 'outputs', 'hinge.stl')]],
      ['washer', undefined, 'include', {}, [join(cwd, 'outputs', 'washer.stl')]],
    ]);
  });

  it('takes plain paths, the output folder and a template from the options', async () => {
    const jobs = await planFiles(['parts/hinge.scad', 'stand.scad'], {
      cwd,
      outDir: '/tmp/models',
      output: '{file}/{name}.{format}',
    });

    expect(jobs.map((job) => job.outputs.map((output) => output.path))).toEqual([
      ['/tmp/models/hinge/hinge.stl'],
      ['/tmp/models/stand/stand.stl'],
    ]);
    expect(jobs[1]?.module).toBeUndefined();
  });

  it('reports every path that names no scad file, without a place in any file', async () => {
    const problems = await problemsOf(planFiles(['parts/*.stl', 'parts/README.txt'], { cwd }));

    expect(problems).toEqual<ConfigProblem[]>([
      { message: 'no file matches parts/*.stl', hint: `paths and globs are looked up from ${cwd}` },
      {
        message: 'no .scad file matches parts/README.txt',
        hint: 'it matches only parts/README.txt',
      },
    ]);
  });

  it('reports a bad template from the command line without a place', async () => {
    const problems = await problemsOf(
      planFiles(['parts/hinge.scad'], { cwd, output: '../{name}.{format}' }),
    );

    expect(problems).toEqual([
      {
        message:
          'output template "../{name}.{format}" gives "../hinge.stl" for hinge, which is outside the output folder',
        hint: 'write a path relative to the output folder, without leading / or ..',
      },
    ]);
  });

  it('reports parts of two files that would write the same output', async () => {
    const problems = await problemsOf(planFiles(['**/*.scad'], { cwd: fixture('config-clash') }));

    expect(problems.map((problem) => problem.message)).toEqual([
      'stl (3D) and svg (2D) cannot all be exported from one model, which is either 3D or 2D',
      'Lid (left/Lid.scad) and lid (right/lid.scad) would write outputs/Lid.stl and outputs/lid.stl, one file where case is not told apart (macOS, Windows)',
    ]);
  });
});
