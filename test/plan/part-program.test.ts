import { describe, expect, it } from 'vitest';
import { partProgram } from '../../src/plan/part-program.js';
import type { RenderJob } from '../../src/plan/render-job.js';

const at = { file: '/p/box.scad', line: 3 };
const wholeFile: RenderJob = {
  id: 'box.scad##0',
  name: 'box',
  scadFile: '/p/box.scad',
  mode: 'include',
  variables: { width: '40', label: '"big"' },
  quality: { $fn: 48, $fs: 0.5 },
  outputs: [],
  declaredAt: at,
  requestedAt: at,
};
const base: RenderJob = { ...wholeFile, id: 'box.scad#lid#0', name: 'lid', module: 'lid' };

describe('partProgram', () => {
  it('includes the file, then assigns guard, parameters and quality after it so they win', () => {
    const program = partProgram(base);
    expect(program.source?.split('\n').slice(1)).toEqual([
      'include <box.scad>',
      'batch_rendering = true;',
      'width = 40;',
      'label = "big";',
      '$fn = 48;',
      '$fs = 0.5;',
      'lid();',
      '',
    ]);
    expect(program.defines).toEqual([]);
  });

  it('uses the file in use mode and passes parameters and quality with -D, which reaches used files', () => {
    const program = partProgram({ ...base, mode: 'use' });
    expect(program.source?.split('\n').slice(1)).toEqual(['use <box.scad>', 'lid();', '']);
    expect(program.defines).toEqual(['width = 40', 'label = "big"', '$fn = 48', '$fs = 0.5']);
  });

  it('renders a whole file as it is, with everything through -D', () => {
    const program = partProgram(wholeFile);
    expect(program.source).toBeUndefined();
    expect(program.defines).toEqual(['width = 40', 'label = "big"', '$fn = 48', '$fs = 0.5']);
  });
});
