import { describe, expect, it } from 'vitest';
import { GeometryDigester } from '../../src/formats/geometry-digester.js';
import { inspectOutput } from '../../src/formats/inspect-output.js';
import { MeshMeasurer } from '../../src/formats/mesh-measurer.js';
import type { MeshSink } from '../../src/formats/mesh-sink.js';
import { readStl } from '../../src/formats/read-stl.js';
import { TeeSink } from '../../src/formats/tee-sink.js';
import { geometryDigest } from '../../src/changes/geometry-digest.js';
import { asciiStl, tetrahedron } from './support/stl-files.js';

/** Records faces by their corners' coordinates, whatever numbering a sink gives. */
class FaceRecorder implements MeshSink {
  readonly points: [number, number, number][] = [];
  readonly faces: string[] = [];
  vertex(x: number, y: number, z: number): number {
    // Numbers points from 100 on, so that wrong numbers passed on show.
    this.points.push([x, y, z]);
    return 100 + this.points.length - 1;
  }
  triangle(a: number, b: number, c: number): void {
    this.polygon([a, b, c], 3);
  }
  polygon(corners: ArrayLike<number>, count: number): void {
    const face: string[] = [];
    for (let corner = 0; corner < count; corner++) {
      face.push(String(this.points[(corners[corner] ?? 0) - 100]));
    }
    this.faces.push(face.join(' | '));
  }
}

describe('TeeSink', () => {
  it('gives both sinks every face, each in its own numbering of the points', () => {
    const alone = new FaceRecorder();
    readStl(new TextEncoder().encode(asciiStl(tetrahedron)), alone);
    const first = new MeshMeasurer();
    const second = new FaceRecorder();
    readStl(new TextEncoder().encode(asciiStl(tetrahedron)), new TeeSink(first, second));
    expect(second.faces).toEqual(alone.faces);
    expect(first.measure()).toMatchObject({ kind: '3d', triangles: 4, closed: true });
    const quad = new FaceRecorder();
    const tee = new TeeSink(new GeometryDigester(), quad);
    const corners = [0, 1, 2, 3].map((index) => tee.vertex(index, index * 2, 0));
    tee.polygon(corners, 4);
    expect(quad.faces).toEqual(['0,0,0 | 1,2,0 | 2,4,0 | 3,6,0']);
  });
});

describe('inspectOutput with digest', () => {
  it('digests the geometry in the same read, as geometryDigest does on its own', () => {
    const bytes = new TextEncoder().encode(asciiStl(tetrahedron));
    const inspection = inspectOutput('stl', bytes, { digest: true });
    expect(inspection.ok && inspection.geometryDigest).toBe(geometryDigest('stl', bytes));
    expect(inspection.ok && inspection.measure.kind).toBe('3d');
    expect(inspectOutput('stl', bytes)).not.toHaveProperty('geometryDigest');
  });
});
