import { describe, expect, test } from 'vitest';
import { summariseRender } from '../../src/diagnostics/summarise-render.js';
import { readOpenScadFixture } from './openscad-fixture.js';

describe('summariseRender', () => {
  test('a one-export 2025 run gives its rendering time, dimension and facets', () => {
    expect(summariseRender(readOpenScadFixture('cube-success', '2025'))).toEqual({
      renderSeconds: 0.01,
      dimension: '3d',
      facets: 6,
      plainGeometry: true,
    });
  });

  test('a 2021 mesh that no CGAL operation built is a plain mesh (only its facets are printed)', () => {
    expect(summariseRender(readOpenScadFixture('cube-success', '2021'))).toEqual({
      renderSeconds: 0,
      dimension: '3d',
      facets: 6,
      plainGeometry: true,
    });
  });

  test('a one-export 2021 CGAL run also gives the vertex count', () => {
    expect(summariseRender(readOpenScadFixture('unknown-variable', '2021'))).toEqual({
      renderSeconds: 0.01,
      dimension: '3d',
      vertices: 28,
      facets: 35,
    });
  });

  test('the rendering times of a two-export 2025 run are added up', () => {
    // 0:00:00.113 for the STL and 0:00:00.086 for the OFF.
    expect(summariseRender(readOpenScadFixture('two-exports-heavy', '2025'))).toEqual({
      renderSeconds: 0.199,
      dimension: '3d',
      vertices: 1035,
      facets: 2066,
    });
  });

  test('the second render of a two-export 2021 run comes from the cache and adds nothing', () => {
    expect(summariseRender(readOpenScadFixture('two-exports-heavy', '2021'))).toEqual({
      renderSeconds: 0.516,
      dimension: '3d',
      vertices: 1035,
      facets: 1901,
    });
  });

  test.each(['2021', '2025'] as const)('a 2D render in %s reports its contours', (version) => {
    // Clipper builds 2D on both engines: no CGAL or Manifold work.
    expect(summariseRender(readOpenScadFixture('square-svg-success', version))).toMatchObject({
      dimension: '2d',
      contours: 1,
      plainGeometry: true,
    });
  });

  test('the 2025 CGAL backend reports a Nef polyhedron with vertices and facets', () => {
    expect(summariseRender(readOpenScadFixture('cgal-backend', '2025'))).toEqual({
      renderSeconds: 0.751,
      dimension: '3d',
      vertices: 57,
      facets: 73,
    });
  });

  test('the triangles 2025 prints for a non-convex mesh count as facets', () => {
    expect(summariseRender(readOpenScadFixture('non-manifold', '2025'))).toEqual({
      renderSeconds: 0.007,
      dimension: '3d',
      facets: 2,
      plainGeometry: true,
    });
  });

  test('an empty 2021 render has a time but no dimension or statistics', () => {
    expect(summariseRender(readOpenScadFixture('empty-top-level', '2021'))).toEqual({
      renderSeconds: 0,
    });
  });

  test('runs that stop before rendering give an empty summary', () => {
    expect(summariseRender(readOpenScadFixture('empty-top-level', '2025'))).toEqual({});
    expect(summariseRender(readOpenScadFixture('parse-error', '2021'))).toEqual({});
  });

  test('a lazy-union list of objects has no single dimension', () => {
    expect(summariseRender(readOpenScadFixture('lazy-union-list', '2025'))).toEqual({
      renderSeconds: 0.01,
    });
  });

  test('CRLF output gives the same summary', () => {
    const output = readOpenScadFixture('two-exports-heavy', '2025');
    expect(summariseRender(output.replaceAll('\n', '\r\n'))).toEqual(summariseRender(output));
  });

  test('hours and minutes count towards the rendering time', () => {
    expect(
      summariseRender('Total rendering time: 1:02:03.004\nTotal rendering time: 0:00:00.996\n'),
    ).toEqual({
      renderSeconds: 3724,
    });
  });

  test('statistic-like lines outside the top-level block are ignored', () => {
    expect(summariseRender('ECHO: 1\n   Facets:         6\n')).toEqual({});
    const block = 'Top level object is a 2D object:\n   Contours:        1\n';
    expect(summariseRender(`${block}WARNING: later\n   Facets:         6\n`)).toEqual({
      dimension: '2d',
      contours: 1,
      plainGeometry: true,
    });
  });
});
