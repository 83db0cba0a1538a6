import { describe, expect, it } from 'vitest';
import type { PartChange, RunChanges } from '../../src/changes/run-changes-schema.js';
import { formatChanges } from '../../src/report/format-changes.js';
import { okResult, job, projectDir } from './support/run-fixture.js';

const options = { cwd: projectDir, color: false, verbose: false };
const lid = job('lid');
const nothing: RunChanges = {
  against: 'previous-run',
  previousRunAt: '2026-12-03T10:00:00.000Z',
  parts: {},
  unchanged: 0,
  changed: 0,
  new: 0,
  gone: [],
};

/** A run in which lid alone was compared, as `part` says, with these counts. */
function lidChanges(part: PartChange, counts: Partial<RunChanges>): RunChanges {
  return { ...nothing, parts: { [lid.id]: part }, ...counts };
}

describe('formatChanges', () => {
  it('says nothing on a first run, when there is no earlier run to compare with', () => {
    const first: RunChanges = {
      against: 'previous-run',
      parts: {},
      unchanged: 0,
      changed: 0,
      new: 0,
      gone: [],
    };
    expect(formatChanges(first, [], options)).toEqual([]);
  });

  it('says nothing when no part delivered anything to compare (every part failed)', () => {
    expect(formatChanges(nothing, [], options)).toEqual([]);
  });

  it('counts the parts and lists the changed ones with what changed', () => {
    const changes = lidChanges(
      { status: 'changed', outputs: { stl: { status: 'changed', volumeDelta: 1250 } } },
      { changed: 1, gone: [{ id: 'project.scad#old', name: 'old' }] },
    );
    expect(formatChanges(changes, [okResult(lid, 1)], options)).toEqual([
      'since the last run: 1 changed · 1 gone · 0 unchanged',
      '  ~ lid  stl: volume +1250 mm³',
    ]);
  });

  it('names the engines beside a part that another engine rendered than the last run', () => {
    const engines = { previous: 'native', current: 'wasm' } as const;
    const changes = lidChanges(
      { status: 'changed', engines, outputs: { stl: { status: 'changed', volumeDelta: 585 } } },
      { changed: 1 },
    );
    expect(formatChanges(changes, [okResult(lid, 1)], options)).toEqual([
      'since the last run: 1 changed · 0 unchanged',
      '  ~ lid  stl: volume +585 mm³ (wasm; native before)',
    ]);
    const alike = lidChanges(
      { status: 'unchanged', engines, outputs: { stl: { status: 'same-geometry' } } },
      { unchanged: 1 },
    );
    expect(formatChanges(alike, [okResult(lid, 1)], options)).toEqual([
      'since the last run: 1 unchanged (1 rendered on another engine than before: the same volume, area and size within rounding)',
    ]);
  });
});
