import { describe, expect, it } from 'vitest';
import { comparePart } from '../../src/changes/compare-part.js';
import type { OutputRecord, PartRecord } from '../../src/changes/run-record.js';

function cube(size: number, extra: Partial<OutputRecord> = {}): OutputRecord {
  return {
    digest: `bytes-${size}`,
    bytes: 684,
    geometry: `geometry-${size}`,
    facts: {
      kind: '3d',
      volume: size ** 3,
      area: 6 * size ** 2,
      bounds: { min: [0, 0, 0], max: [size, size, size] },
      triangles: 12,
      closed: true,
      openEdges: 0,
      nonManifoldEdges: 0,
    },
    ...extra,
  };
}

function part(outputs: Record<string, OutputRecord>): PartRecord {
  return { name: 'lid', file: 'project.scad', outputs };
}

const nowhere = (): undefined => undefined;

describe('comparePart', () => {
  it('tells equal bytes, the same geometry in other bytes, and changed geometry apart', () => {
    const before = part({ stl: cube(10), off: cube(10), '3mf': cube(10) });
    const now = part({
      stl: cube(10),
      off: cube(10, { digest: 'reordered' }),
      '3mf': cube(12),
    });
    const change = comparePart(now, before, (format) => `/cache/${format}`);
    expect(change.status).toBe('changed');
    expect(change.outputs['stl']).toMatchObject({
      status: 'unchanged',
      previous: { file: '/cache/stl' },
    });
    expect(change.outputs['off']?.status).toBe('same-geometry');
    expect(change.outputs['3mf']).toMatchObject({
      status: 'changed',
      volumeDelta: 12 ** 3 - 10 ** 3,
      areaDelta: 6 * (144 - 100),
      trianglesDelta: 0,
      boundsDelta: { min: [0, 0, 0], max: [2, 2, 2] },
      previous: { digest: 'bytes-10', bytes: 684 },
    });
  });

  it('is unchanged when only the bytes differ', () => {
    const change = comparePart(
      part({ stl: cube(10, { digest: 'other' }) }),
      part({ stl: cube(10) }),
      nowhere,
    );
    expect(change).toEqual({
      status: 'unchanged',
      outputs: {
        stl: {
          status: 'same-geometry',
          previous: expect.objectContaining({ digest: 'bytes-10' }) as unknown,
        },
      },
    });
  });

  it('falls back on the facts, within a millionth, for files without a geometry digest', () => {
    const noGeometry = (size: number, digest: string): OutputRecord => {
      const { digest: bytes, bytes: length, facts } = cube(size, { digest });
      return { digest: bytes, bytes: length, ...(facts === undefined ? {} : { facts }) };
    };
    expect(
      comparePart(
        part({ amf: noGeometry(10, 'a') }),
        part({ amf: noGeometry(10 + 1e-9, 'b') }),
        nowhere,
      ).outputs['amf']?.status,
    ).toBe('same-geometry');
    expect(
      comparePart(
        part({ amf: noGeometry(10, 'a') }),
        part({ amf: noGeometry(10.01, 'b') }),
        nowhere,
      ).outputs['amf']?.status,
    ).toBe('changed');
  });

  it('compares digests of different forms by the facts: a record from an earlier parascad', () => {
    const first = cube(10, { digest: 'a', geometry: 'f'.repeat(64) });
    const second = (size: number): OutputRecord =>
      cube(size, { digest: 'b', geometry: `g2-${'0'.repeat(64)}` });
    const status = (now: OutputRecord): string | undefined =>
      comparePart(part({ stl: now }), part({ stl: first }), nowhere).outputs['stl']?.status;
    expect(status(second(10))).toBe('same-geometry');
    expect(status(second(11))).toBe('changed');
  });

  it('says which formats are new or gone, and a part with no record is new', () => {
    const change = comparePart(
      part({ stl: cube(10), svg: cube(1) }),
      part({ stl: cube(10), off: cube(10) }),
      nowhere,
    );
    expect(change.status).toBe('changed');
    expect(change.outputs['svg']?.status).toBe('new');
    expect(change.outputs['off']?.status).toBe('gone');
    expect(comparePart(part({ stl: cube(10) }), undefined, nowhere)).toEqual({
      status: 'new',
      outputs: { stl: { status: 'new' } },
    });
  });
});
