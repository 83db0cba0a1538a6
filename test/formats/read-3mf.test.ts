import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { read3mf } from '../../src/formats/read-3mf.js';
import { UnreadableOutputError } from '../../src/formats/unreadable-output-error.js';
import { bytesOf, measureWith } from './support/measure-with.js';

const tetrahedronMesh = `<mesh>
 <vertices>
  <vertex x="0" y="0" z="0" /><vertex x="1.000000" y="0" z="0" />
  <vertex
    y="1" x="0" z="0"/><vertex x='0' y='0' z='1'/>
 </vertices>
 <triangles>
  <triangle v1="0" v2="2" v3="1" /><triangle v1="0" v2="1" v3="3" />
  <triangle v1="0" v2="3" v3="2" pid="1" p1="0"/><triangle v1="1" v2="2" v3="3" />
 </triangles>
</mesh>`;

function package3mf(
  objects: readonly string[],
  build = objects.map((_, at) => `<item objectid="${at + 1}"/>`).join(''),
  path = '3D/3dmodel.model',
): Uint8Array {
  const model = `<?xml version="1.0" encoding="UTF-8"?>
<model unit="millimeter" xmlns="http://schemas.microsoft.com/3dmanufacturing/core/2015/02">
 <resources>
${objects.map((object, at) => `  <object id="${at + 1}" type="model">${object}</object>`).join('\n')}
 </resources>
 <build>${build}</build>
</model>
`;
  return zipSync({ '[Content_Types].xml': bytesOf('<Types/>'), [path]: bytesOf(model) });
}

describe('read3mf', () => {
  it("reads each object's vertices and triangles, attributes in any order and quoting", () => {
    const measure = measureWith(read3mf, package3mf([tetrahedronMesh]));
    expect(measure).toMatchObject({
      triangles: 4,
      closed: true,
      bounds: { min: [0, 0, 0], max: [1, 1, 1] },
    });
    expect(measure.volume).toBeCloseTo(1 / 6, 15);
  });

  it('reads the indices of each object against its own vertices', () => {
    const moved = tetrahedronMesh
      .replaceAll('x="0"', 'x="5"')
      .replaceAll('x="1.000000"', 'x="6"')
      .replace("x='0'", "x='5'");
    const measure = measureWith(read3mf, package3mf([tetrahedronMesh, moved]));
    expect(measure).toMatchObject({
      triangles: 8,
      closed: true,
      bounds: { min: [0, 0, 0], max: [6, 1, 1] },
    });
    expect(measure.volume).toBeCloseTo(2 / 6, 15);
  });

  it('accepts a build item with the identity transform, and a model part of another name', () => {
    const identity = '<item objectid="1" transform="1 0 0 0 1 0 0 0 1 0 0 0"/>';
    expect(measureWith(read3mf, package3mf([tetrahedronMesh], identity)).triangles).toBe(4);
    expect(
      measureWith(read3mf, package3mf([tetrahedronMesh], undefined, '3D/model.model')).triangles,
    ).toBe(4);
  });

  it('refuses transforms, components, bad indices and what is not a 3MF package', () => {
    const refuse = (bytes: Uint8Array, message: string): void => {
      expect(() => measureWith(read3mf, bytes)).toThrow(UnreadableOutputError);
      expect(() => measureWith(read3mf, bytes)).toThrow(message);
    };
    refuse(
      package3mf([tetrahedronMesh], '<item objectid="1" transform="2 0 0 0 1 0 0 0 1 0 0 0"/>'),
      'build items with a transform are not measured',
    );
    refuse(
      package3mf(['<components><component objectid="2"/></components>', tetrahedronMesh]),
      'objects made of components are not measured',
    );
    refuse(
      package3mf([tetrahedronMesh.replace('v3="3" />', 'v3="4" />')]),
      "refers to vertex 4, not among the object's 4",
    );
    refuse(
      package3mf([tetrahedronMesh.replace("y='0' z='1'", "y='' z='1'")]),
      '3MF model line 8: expected a number in attribute "y"',
    );
    refuse(zipSync({ 'a.txt': bytesOf('x') }), '3MF package without a 3D model part');
    refuse(bytesOf('PK not really'), 'not a 3MF package');
  });
});
