import { describe, expect, it } from 'vitest';
import type { OutputFacts } from '../../src/run/part-result.js';
import { reviewPart } from '../../src/run/review-part.js';
import { cubeMeasure as cube } from '../support/cube-measure.js';
import { job, okResult, scadFile } from '../report/support/run-fixture.js';

function rendered(facts: OutputFacts) {
  const lid = job('lid');
  const result = okResult(lid, 1);
  return { ...result, outputs: result.outputs.map((output) => ({ ...output, facts })) };
}

describe('reviewPart', () => {
  it('leaves a closed mesh that faces outwards alone', () => {
    const result = rendered(cube());
    expect(reviewPart(result, { strict: true })).toBe(result);
  });

  it('warns at the declaration of a part whose mesh is open, or inside out', () => {
    const open = reviewPart(rendered(cube({ closed: false, openEdges: 3 })));
    expect(open.status).toBe('ok');
    expect(open.diagnostics).toEqual([
      {
        severity: 'warning',
        message: 'lid.stl: the mesh is not closed (3 open edges, 0 non-manifold edges)',
        location: { file: scadFile, line: 10 },
        fatal: false,
      },
    ]);
    const insideOut = reviewPart(rendered(cube({ volume: -1000.0004 })));
    expect(insideOut.diagnostics.map((diagnostic) => diagnostic.message)).toEqual([
      'lid.stl: the mesh is inside out (volume -1000 mm³): its faces point inwards, as a polyhedron() whose faces list their points counter-clockwise seen from outside comes out',
    ]);
  });

  it('fails such a part under strict, naming the first warning', () => {
    const strict = reviewPart(rendered(cube({ volume: -1000 })), { strict: true });
    expect(strict).toMatchObject({
      status: 'failed',
      failure: {
        kind: 'strict',
        warnings: 1,
        first: { message: expect.stringMatching(/inside out/) as unknown },
      },
    });
  });

  it('counts the warnings found about the part while planning under strict, and only then', () => {
    const plannedWarnings = [
      {
        message: 'tray() is rendered without arguments, so w (no default) is undef in it',
        location: { file: '/p/tray.scad', line: 1, column: 13, length: 1 },
        parts: ['tray.scad#tray'],
      },
    ];
    const result = rendered(cube());
    expect(reviewPart(result, { plannedWarnings })).toBe(result);
    expect(reviewPart(result, { strict: true, plannedWarnings })).toMatchObject({
      status: 'failed',
      failure: {
        kind: 'strict',
        warnings: 1,
        first: {
          message: plannedWarnings[0]?.message,
          location: { file: '/p/tray.scad', line: 1, column: 13 },
        },
      },
    });
  });
});
