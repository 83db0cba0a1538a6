import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProjectConfig } from '../../src/config/load-project-config.js';
import { planProject } from '../../src/plan/plan-project.js';
import { fixture } from './fixture-path.js';
import { problemsOf } from './plan-outcome.js';

/** Plans a fixture's config file as the CLI will: loaded by the config loader, then planned. */
async function plan(project: string, configName: string) {
  const projectDir = fixture(project);
  const config = await loadProjectConfig(join(projectDir, configName));
  return planProject(config, { projectDir });
}

describe('planProject on configs read by loadProjectConfig', () => {
  it('plans globs, excludes, marked files, listed modules, defaults and templates', async () => {
    const projectDir = fixture('config-files');
    const jobs = await plan('config-files', 'parascad.config.yaml');

    expect(
      jobs.map((job) => [
        job.name,
        job.mode,
        job.quality,
        job.outputs.map((output) => output.path.slice(projectDir.length + 1)),
      ]),
    ).toEqual([
      ['bracket', 'include', { $fn: 32 }, ['build/bracket.stl', 'build/bracket.3mf']],
      ['bracket_outline', 'include', { $fn: 32 }, ['build/bracket_outline.dxf']],
      ['hinge', 'use', { $fn: 32 }, ['build/hinge.stl']],
      ['washer', 'include', { $fn: 32 }, ['build/washer.stl']],
      ['stand', 'use', { $fn: 32 }, ['build/stand.stl']],
      ['foot', 'use', { $fn: 32 }, ['build/feet/foot.off']],
    ]);
    expect(jobs.at(-1)?.requestedAt).toMatchObject({
      file: join(projectDir, 'parascad.config.yaml'),
      line: 11,
    });
  });

  it('plans every customizer set times the matrix, with the set in the output path', async () => {
    const jobs = await plan('config-paramsets', 'parascad.config.yaml');

    expect(jobs.map((job) => [job.name, job.variables['width'], job.variables['height']])).toEqual([
      ['box-small-height1', '20', '1'],
      ['box-small-height2', '20', '2'],
      ['box-large-height1', '100', '1'],
      ['box-large-height2', '100', '2'],
      ['box-Name.dot-height1', '3', '1'],
      ['box-Name.dot-height2', '3', '2'],
    ]);
    expect(jobs[2]?.outputs[0]?.path).toBe(
      join(fixture('config-paramsets'), 'outputs', 'large', 'box-large-height1.stl'),
    );
  });

  it('places an unknown set in the YAML and mistyped values in the JSON file', async () => {
    const problems = await problemsOf(plan('config-paramsets', 'typo.config.yaml'));

    expect(problems[0]).toEqual({
      message: 'box.json has no parameter set "smal"',
      location: {
        file: fixture('config-paramsets', 'typo.config.yaml'),
        line: 5,
        column: 52,
        length: 4,
      },
      hint: 'did you mean "small"?',
    });
    expect(problems.slice(1).map((problem) => problem.location?.file)).toEqual(
      Array<string>(7).fill(fixture('config-paramsets', 'wrong.json')),
    );
  });
});
