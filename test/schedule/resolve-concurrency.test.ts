import { describe, expect, it } from 'vitest';
import type { EngineInfo } from '../../src/engines/engine.js';
import { resolveConcurrency } from '../../src/schedule/resolve-concurrency.js';

const cgal: EngineInfo = { id: 'native', version: '2021.01', backend: 'cgal', source: 'openscad' };
const manifold: EngineInfo = { ...cgal, version: '2025.05.01', backend: 'manifold' };

describe('resolveConcurrency', () => {
  it('runs one part per CPU on single-threaded engines', () => {
    expect(resolveConcurrency({ cpus: 8, parts: 20 })).toBe(8);
    expect(resolveConcurrency({ cpus: 8, parts: 20, native: cgal })).toBe(8);
  });

  it('halves the workers when a multi-threaded native Manifold build renders', () => {
    expect(resolveConcurrency({ cpus: 8, parts: 20, native: manifold })).toBe(4);
    expect(resolveConcurrency({ cpus: 1, parts: 20, native: manifold })).toBe(1);
  });

  it('takes -j over the project setting over the default, and never more than the parts', () => {
    expect(
      resolveConcurrency({ requested: 3, project: 6, cpus: 8, parts: 20, native: manifold }),
    ).toBe(3);
    expect(resolveConcurrency({ project: 6, cpus: 8, parts: 20 })).toBe(6);
    expect(resolveConcurrency({ requested: 16, cpus: 8, parts: 5 })).toBe(5);
  });
});
