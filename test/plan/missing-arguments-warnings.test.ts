import { describe, expect, it } from 'vitest';
import { SourceFiles } from '../../src/discovery/source-files.js';
import { missingArgumentsWarnings } from '../../src/plan/missing-arguments-warnings.js';
import type { RenderJob } from '../../src/plan/render-job.js';

const source = [
  'module needs(w, h = 2, d) //render.model.stl',
  '{ cube([w, h, d]); }',
  'module fine(size = 1) //render.model.stl',
  '{ cube(size); }',
  '',
].join('\n');

function part(module: string, line: number, name = module): RenderJob {
  return {
    id: name,
    name,
    scadFile: '/p/project.scad',
    module,
    mode: 'include',
    variables: {},
    quality: {},
    outputs: [{ format: 'stl', path: `/p/outputs/${name}.stl` }],
    declaredAt: { file: '/p/project.scad', line, column: 1 },
    requestedAt: { file: '/p/project.scad', line, column: 27 },
  };
}

describe('missingArgumentsWarnings', () => {
  it('warns once per module whose parameters without default a call with no arguments leaves undef', async () => {
    const warnings = await missingArgumentsWarnings(
      [part('needs', 1), part('needs', 1, 'needs-small'), part('fine', 3)],
      new SourceFiles(() => Promise.resolve(source)),
    );
    expect(warnings).toEqual([
      {
        message: 'needs() is rendered without arguments, so w and d (no default) are undef in it',
        location: { file: '/p/project.scad', line: 1, column: 14, length: 1 },
        hint: 'give them defaults in the header (w = …), give them values under params, or render a module that calls needs(…) with the values',
        // Both parts of the module: --strict fails them.
        parts: ['needs', 'needs-small'],
      },
    ]);
  });

  it('leaves out the values a part passes as arguments, and the parts that pass them all', async () => {
    const warnings = await missingArgumentsWarnings(
      [
        { ...part('needs', 1), arguments: ['w', 'd'] },
        { ...part('needs', 1, 'needs-w'), arguments: ['w'] },
      ],
      new SourceFiles(() => Promise.resolve(source)),
    );
    expect(warnings).toEqual([
      {
        message: 'needs() is rendered without a value for d, so d (no default) is undef in it',
        location: { file: '/p/project.scad', line: 1, column: 24, length: 1 },
        hint: 'give it a default in the header (d = …), give it a value under params, or render a module that calls needs(…) with the values',
        parts: ['needs-w'],
      },
    ]);
  });

  it('says nothing of whole files and of files it cannot read', async () => {
    const whole: RenderJob = { ...part('x', 1) };
    delete (whole as { module?: string }).module;
    expect(
      await missingArgumentsWarnings([whole], new SourceFiles(() => Promise.resolve(source))),
    ).toEqual([]);
    expect(
      await missingArgumentsWarnings(
        [part('needs', 1)],
        new SourceFiles(() => Promise.reject(new Error('gone'))),
      ),
    ).toEqual([]);
  });
});
