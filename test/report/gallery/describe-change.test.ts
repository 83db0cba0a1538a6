import { describe, expect, it } from 'vitest';
import { describeChange } from '../../../src/report/gallery/describe-change.js';

describe('describeChange', () => {
  it('lists what changed in an output, and that the previous render was not kept', () => {
    const change = describeChange({
      status: 'changed',
      outputs: {
        stl: {
          status: 'changed',
          volumeDelta: 12.5,
          boundsDelta: { min: [0, 0, 0], max: [0, 0, 2] },
        },
        off: { status: 'unchanged' },
      },
    });
    expect(change.details).toEqual([
      'stl: changed, volume +12.5 mm³, max corner moved 0, 0, +2',
      'the previous render was not kept (--no-cache, or pruned): its recorded measures only',
    ]);
  });

  it('says when another engine rendered the part, and how it was compared', () => {
    const change = describeChange({
      status: 'unchanged',
      engines: { previous: 'native', current: 'wasm' },
      outputs: { stl: { status: 'same-geometry' } },
    });
    expect(change.details).toEqual([
      'stl: the same within rounding',
      'rendered on wasm, native before: compared by volume, area and size within rounding',
    ]);
  });

  it('leaves out the measures that did not change', () => {
    const change = describeChange({
      status: 'changed',
      outputs: {
        stl: {
          status: 'changed',
          volumeDelta: 0,
          areaDelta: 4,
          trianglesDelta: 0,
          boundsDelta: { min: [0, 0, 0], max: [0, 2, 0] },
        },
      },
    });
    expect(change.details[0]).toBe('stl: changed, area +4 mm², max corner moved 0, +2, 0');
  });
});
