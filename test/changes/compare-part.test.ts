import { describe, expect, it } from 'vitest';
import { comparePart } from '../../src/changes/compare-part.js';
import type { OutputRecord, PartRecord } from '../../src/changes/run-record.js';
import type { EngineId } from '../../src/engines/engine.js';

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

function part(outputs: Record<string, OutputRecord>, engine?: EngineId): PartRecord {
  return {
    name: 'lid',
    file: 'project.scad',
    ...(engine === undefined ? {} : { engine }),
    outputs,
  };
}

/** A cube as another engine writes it: its own digests, last digits and triangles. */
function fromOtherEngine(size: number, noise: number): OutputRecord {
  const output = cube(size, { digest: `other-bytes-${size}`, geometry: `other-${size}` });
  const facts = output.facts;
  if (facts?.kind !== '3d') throw new Error('a cube is 3D');
  const grown = size * (1 + noise);
  return {
    ...output,
    facts: {
      ...facts,
      volume: grown ** 3,
      area: 6 * grown ** 2,
      bounds: { min: [0, 0, 0], max: [grown, grown, grown] },
      triangles: 14,
    },
  };
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

  it('compares the outputs of another engine by volume, area and bounds within rounding, and says which engines', () => {
    const native = part({ stl: cube(10) }, 'native');
    const noisy = comparePart(part({ stl: fromOtherEngine(10, 1e-6) }, 'wasm'), native, nowhere);
    expect(noisy).toMatchObject({
      status: 'unchanged',
      engines: { previous: 'native', current: 'wasm' },
      outputs: { stl: { status: 'same-geometry' } },
    });
    const edited = comparePart(part({ stl: fromOtherEngine(10, 1e-3) }, 'wasm'), native, nowhere);
    expect(edited).toMatchObject({
      status: 'changed',
      engines: { previous: 'native', current: 'wasm' },
      outputs: { stl: { status: 'changed', trianglesDelta: 2 } },
    });
  });

  it('keeps comparing geometry digests when the engine is the same, or unknown on either side', () => {
    const noisy = fromOtherEngine(10, 1e-6);
    const status = (before: PartRecord, now: PartRecord): string | undefined =>
      comparePart(now, before, nowhere).outputs['stl']?.status;
    expect(status(part({ stl: cube(10) }, 'wasm'), part({ stl: noisy }, 'wasm'))).toBe('changed');
    // A baseline's files, or a record from before parascad kept the engine.
    expect(status(part({ stl: cube(10) }), part({ stl: noisy }, 'wasm'))).toBe('changed');
    expect(status(part({ stl: cube(10) }, 'native'), part({ stl: noisy }))).toBe('changed');
    expect(
      comparePart(part({ stl: noisy }, 'wasm'), part({ stl: cube(10) }, 'wasm'), nowhere),
    ).not.toHaveProperty('engines');
  });
});
