import { describe, expect, it } from 'vitest';
import type { RenderJob } from '../../src/plan/render-job.js';
import { affectedParts } from '../../src/watch/affected-parts.js';

function part(name: string, scadFile: string, variables: Record<string, string> = {}): RenderJob {
  const at = { file: scadFile, line: 1 };
  return {
    id: `${scadFile}#${name}`,
    name,
    scadFile,
    mode: 'include',
    variables,
    quality: {},
    outputs: [{ format: 'stl', path: `/p/outputs/${name}.stl` }],
    declaredAt: at,
    requestedAt: at,
  };
}

const a = part('a', '/p/a.scad');
const b = part('b', '/p/b.scad');
const c = part('c', '/p/c.scad');
const reads: Record<string, string[]> = {
  a: ['/p/a.scad', '/p/shared.scad'],
  b: ['/p/b.scad', '/p/shared.scad'],
  c: ['/p/c.scad'],
};
const filesOf = (job: RenderJob): Set<string> => new Set(reads[job.name]);

describe('affectedParts', () => {
  it('picks the parts that read a changed file, in plan order', () => {
    const found = affectedParts([a, b, c], [a, b, c], filesOf, new Set(['/p/shared.scad']));
    expect(found.jobs.map((job) => job.name)).toEqual(['a', 'b']);
    expect(found.replanned).toBe(false);
  });

  it('picks nothing for a file no part reads', () => {
    const found = affectedParts([a, b, c], [a, b, c], filesOf, new Set(['/p/notes.txt']));
    expect(found.jobs).toEqual([]);
  });

  it('picks the parts a new plan adds or changes, and says the plan changed', () => {
    const changedC = part('c', '/p/c.scad', { size: '3' });
    const d = part('d', '/p/d.scad');
    const found = affectedParts([a, b, c], [a, b, changedC, d], filesOf, new Set());
    expect(found.jobs.map((job) => job.name)).toEqual(['c', 'd']);
    expect(found.replanned).toBe(true);
  });

  it('says the plan changed when a part is gone, without rendering the others', () => {
    const found = affectedParts([a, b, c], [a, b], filesOf, new Set());
    expect(found).toEqual({ jobs: [], replanned: true });
  });
});
