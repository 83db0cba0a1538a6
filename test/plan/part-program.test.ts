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
  it('runs the file itself with guard, parameters, quality and the call appended after it, so they win', () => {
    expect(partProgram(base)).toEqual({
      defines: [
        'batch_rendering = true',
        'width = 40',
        'label = "big"',
        '$fn = 48',
        '$fs = 0.5',
        'lid()',
      ],
    });
  });

  it('uses the file in use mode and appends parameters and quality, which reaches used files', () => {
    expect(partProgram({ ...base, mode: 'use' })).toEqual({
      defines: ['width = 40', 'label = "big"', '$fn = 48', '$fs = 0.5'],
      useCall: 'lid()',
    });
  });

  it('passes the values the module takes as parameters on as arguments, which its defaults cannot hide', () => {
    expect(partProgram({ ...base, arguments: ['width', 'label'] }).defines.at(-1)).toBe(
      'lid(width = width, label = label)',
    );
    expect(partProgram({ ...base, mode: 'use', arguments: ['width'] }).useCall).toBe(
      'lid(width = width)',
    );
  });

  it("gives a used file's own top-level $fn/$fa/$fs to the main program too, where it can evaluate them", () => {
    const assigned = (text: string) => ({ text, at });
    const job: RenderJob = {
      ...base,
      mode: 'use',
      quality: { $fs: 0.5 },
      qualityFrom: {
        kind: 'file',
        assigned: [
          assigned('$fn = $preview ? 24 : 96'),
          assigned('$fa = 360 / sides'),
          assigned('$fs = 2'),
        ],
      },
    };
    // 2025 lets no used module see them: numbers and $ expressions only; $fs is parascad's own.
    expect(partProgram(job).defines).toEqual([
      'width = 40',
      'label = "big"',
      '$fs = 0.5',
      '$fn = $preview ? 24 : 96',
    ]);
    expect(partProgram({ ...job, mode: 'include' }).defines).not.toContain(
      '$fn = $preview ? 24 : 96',
    );
  });

  it('renders a whole file as it is, with everything appended', () => {
    expect(partProgram(wholeFile)).toEqual({
      defines: ['width = 40', 'label = "big"', '$fn = 48', '$fs = 0.5'],
    });
  });

  it('holds no path and no temporary name: the same job gives the same program anywhere', () => {
    const moved = { ...base, scadFile: '/elsewhere/box.scad' };
    expect(partProgram(moved)).toEqual(partProgram(base));
    expect(partProgram({ ...moved, mode: 'use' })).toEqual(partProgram({ ...base, mode: 'use' }));
  });
});
