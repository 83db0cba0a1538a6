import { describe, expect, it } from 'vitest';
import { ConfigError, ParascadError } from '../../src/errors.js';
import { selectParts } from '../../src/plan/select-parts.js';
import type { RenderJob } from '../../src/plan/render-job.js';

const cwd = '/p';

function job(name: string, scadFile: string): RenderJob {
  const at = { file: scadFile, line: 1 };
  return {
    id: `${scadFile}#${name}`,
    name,
    scadFile,
    module: name,
    mode: 'use',
    variables: {},
    quality: {},
    outputs: [],
    declaredAt: at,
    requestedAt: at,
  };
}

const jobs = [
  job('lid', '/p/parts/box.scad'),
  job('lid-small', '/p/parts/box.scad'),
  job('base-small', '/p/parts/box.scad'),
  job('hinge', '/p/parts/hinge/hinge.scad'),
  job('stand', '/p/stand.scad'),
];
const names = (selected: readonly RenderJob[]): string[] => selected.map((part) => part.name);

describe('selectParts', () => {
  it('keeps every part when nothing is selected', () => {
    expect(selectParts(jobs, {}, cwd)).toEqual(jobs);
  });

  it('matches names as globs, keeping the planned order', () => {
    expect(names(selectParts(jobs, { names: ['*-small', 'hinge'] }, cwd))).toEqual([
      'lid-small',
      'base-small',
      'hinge',
    ]);
    expect(names(selectParts(jobs, { names: ['lid*'] }, cwd))).toEqual(['lid', 'lid-small']);
  });

  it('selects every variant of a module, or of a whole file, by its name', () => {
    const variants = [
      { ...job('lid-small', '/p/box.scad'), module: 'lid' },
      { ...job('lid-large', '/p/box.scad'), module: 'lid' },
      { ...job('base', '/p/box.scad'), module: 'base' },
      { ...job('bins-gridx2-gridy1', '/p/bins.scad'), module: undefined },
      { ...job('bins-Default', '/p/bins.scad'), module: undefined },
    ] as RenderJob[];

    expect(names(selectParts(variants, { names: ['lid'] }, cwd))).toEqual([
      'lid-small',
      'lid-large',
    ]);
    expect(names(selectParts(variants, { names: ['bins'] }, cwd))).toEqual([
      'bins-gridx2-gridy1',
      'bins-Default',
    ]);
  });

  it('matches files by path, folder or glob, relative to the working folder', () => {
    expect(names(selectParts(jobs, { files: ['stand.scad'] }, cwd))).toEqual(['stand']);
    expect(names(selectParts(jobs, { files: ['parts/hinge'] }, cwd))).toEqual(['hinge']);
    expect(names(selectParts(jobs, { files: ['parts/**/*.scad'] }, '/p'))).toEqual([
      'lid',
      'lid-small',
      'base-small',
      'hinge',
    ]);
    expect(names(selectParts(jobs, { files: ['../box.scad'] }, '/p/parts/hinge'))).toEqual([
      'lid',
      'lid-small',
      'base-small',
    ]);
    expect(names(selectParts(jobs, { files: ['/p/*.scad'] }, '/elsewhere'))).toEqual(['stand']);
  });

  it('keeps parts that match a name and a file when both are given', () => {
    expect(
      names(selectParts(jobs, { names: ['*-small', 'stand'], files: ['parts/box.scad'] }, cwd)),
    ).toEqual(['lid-small', 'base-small']);
  });

  it('reports every selector that matches nothing, with a guess', () => {
    let thrown: unknown;
    try {
      selectParts(jobs, { names: ['lid-smal', 'gear*'], files: ['stand.scda'] }, cwd);
    } catch (error) {
      thrown = error;
    }

    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as ConfigError).problems).toEqual([
      { message: 'no part is named lid-smal', hint: 'did you mean lid-small?' },
      {
        message: 'no part is named gear*',
        hint: 'parts: lid, lid-small, base-small, hinge, stand',
      },
      { message: 'no part comes from stand.scda', hint: 'did you mean stand.scad?' },
    ]);
  });

  it('says so when the selectors each match but never the same part', () => {
    expect(() => selectParts(jobs, { names: ['stand'], files: ['parts/box.scad'] }, cwd)).toThrow(
      ParascadError,
    );
    expect(() => selectParts(jobs, { names: ['stand'], files: ['parts/box.scad'] }, cwd)).toThrow(
      'No part is both named stand and from parts/box.scad',
    );
  });
});
