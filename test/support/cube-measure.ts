import type { MeshMeasure } from '../../src/formats/output-measure.js';

/** What parascad measures of a closed 10 mm cube (12 triangles), with `change` made to it. */
export function cubeMeasure(change: Partial<MeshMeasure> = {}): MeshMeasure {
  return {
    kind: '3d',
    volume: 1000,
    area: 600,
    bounds: { min: [0, 0, 0], max: [10, 10, 10] },
    triangles: 12,
    closed: true,
    openEdges: 0,
    nonManifoldEdges: 0,
    ...change,
  };
}
