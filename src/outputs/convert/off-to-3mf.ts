import { Buffer } from 'node:buffer';
import { zipSync } from 'fflate';
import type { MeshSink } from '../../formats/mesh-sink.js';
import { readOff } from '../../formats/read-off.js';
import { triangulateFace } from '../../formats/triangulate-face.js';
import { UnreadableOutputError } from '../../formats/unreadable-output-error.js';

/**
 * Converts an OFF mesh, as OpenSCAD writes it, into a 3MF package.
 *
 * The WebAssembly OpenSCAD 2025.01 traps when it exports 3MF, so on that engine parascad asks for
 * OFF and converts it here. Faces with more than three corners (OpenSCAD keeps the faces of
 * primitives and polyhedra whole, and CGAL's may be non-convex) are triangulated with earcut on
 * the face's dominant plane, keeping every corner so the mesh stays watertight, and with the face's
 * winding, so normals keep pointing out. Colour columns after a face are ignored.
 *
 * The package holds one object of type "model" in millimetres and one build item, per the 3MF core
 * specification. Coordinates are written in plain decimal notation with all the digits of the OFF
 * values. The output is byte-for-byte reproducible: the zip entries carry a fixed date.
 *
 * @throws {Error} when the text is not a well-formed OFF mesh with at least one face, naming the
 *   line at fault.
 */
export function offTo3mf(off: string | Uint8Array): Uint8Array {
  const model = modelPart(typeof off === 'string' ? Buffer.from(off, 'latin1') : off);
  const files = {
    '[Content_Types].xml': new TextEncoder().encode(contentTypes),
    '_rels/.rels': new TextEncoder().encode(relationships),
    '3D/3dmodel.model': model,
  };
  // DOS dates are local time, so a local constructor gives the same bytes in every time zone.
  // Level 1 compresses this repetitive XML almost as well as 6, in half the time.
  return zipSync(files, { level: 1, mtime: new Date(1980, 0, 1) });
}

const coreNamespace = 'http://schemas.microsoft.com/3dmanufacturing/core/2015/02';
const modelRelationshipType = 'http://schemas.microsoft.com/3dmanufacturing/2013/01/3dmodel';

const contentTypes = `<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
 <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
 <Default Extension="model" ContentType="application/vnd.ms-package.3dmanufacturing-3dmodel+xml"/>
</Types>
`;

const relationships = `<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
 <Relationship Id="rel0" Target="/3D/3dmodel.model" Type="${modelRelationshipType}"/>
</Relationships>
`;

/** Reads the OFF mesh with the one OFF reader and writes the 3MF model XML as it goes. */
function modelPart(off: Uint8Array): Uint8Array {
  const writer = new ModelWriter();
  try {
    readOff(off, writer);
  } catch (error) {
    if (error instanceof UnreadableOutputError) {
      throw new Error(`Cannot convert OFF to 3MF: ${error.message}`, { cause: error });
    }
    throw error;
  }
  if (writer.triangles === 0) {
    throw new Error('Cannot convert OFF to 3MF: every face of the mesh is degenerate');
  }
  const xml = new ChunkedText();
  xml.add('<?xml version="1.0" encoding="UTF-8"?>\n');
  xml.add(`<model unit="millimeter" xml:lang="en-US" xmlns="${coreNamespace}">\n`);
  xml.add(' <metadata name="Application">parascad</metadata>\n');
  xml.add(' <resources>\n  <object id="1" type="model">\n   <mesh>\n    <vertices>\n');
  xml.append(writer.vertexXml);
  xml.add('    </vertices>\n    <triangles>\n');
  xml.append(writer.triangleXml);
  xml.add('    </triangles>\n   </mesh>\n  </object>\n </resources>\n');
  xml.add(' <build>\n  <item objectid="1"/>\n </build>\n</model>\n');
  return xml.bytes();
}

/**
 * A mesh sink that writes each vertex as it comes, with every digit of the file's value and in the
 * file's order (no points merged), and each face as triangles.
 */
class ModelWriter implements MeshSink {
  readonly vertexXml = new ChunkedText();
  readonly triangleXml = new ChunkedText();
  triangles = 0;
  #positions = new Float64Array(3 * 1024);
  #count = 0;
  readonly #corners: number[] = [];

  vertex(x: number, y: number, z: number): number {
    if (3 * this.#count + 3 > this.#positions.length) {
      const grown = new Float64Array(2 * this.#positions.length);
      grown.set(this.#positions);
      this.#positions = grown;
    }
    const at = 3 * this.#count;
    this.#positions[at] = x;
    this.#positions[at + 1] = y;
    this.#positions[at + 2] = z;
    this.vertexXml.add(`<vertex x="${decimal(x)}" y="${decimal(y)}" z="${decimal(z)}"/>\n`);
    return this.#count++;
  }

  triangle(a: number, b: number, c: number): void {
    // 3MF forbids a triangle that uses a vertex twice; such a triangle has no area anyway.
    if (a === b || b === c || c === a) return;
    this.triangleXml.add(`<triangle v1="${a}" v2="${b}" v3="${c}"/>\n`);
    this.triangles += 1;
  }

  polygon(corners: ArrayLike<number>, count: number): void {
    this.#corners.length = 0;
    for (let corner = 0; corner < count; corner += 1) this.#corners.push(corners[corner] ?? 0);
    triangulateFace(this.#corners, this.#positions, (a, b, c) => {
      this.triangle(a, b, c);
    });
  }
}

/**
 * A number in plain decimal notation with every digit JavaScript needs to round-trip it: 3MF
 * readers do not all accept exponents, and `String(1e-7)` is `"1e-7"`.
 */
function decimal(value: number): string {
  if (value === 0) return '0';
  const text = String(value);
  const exponentAt = text.indexOf('e');
  if (exponentAt === -1) return text;
  const sign = value < 0 ? '-' : '';
  const mantissa = text.slice(sign.length, exponentAt);
  const exponent = Number(text.slice(exponentAt + 1));
  const pointAt = mantissa.indexOf('.');
  const digits = mantissa.replace('.', '');
  const point = (pointAt === -1 ? mantissa.length : pointAt) + exponent;
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/**
 * Collects text in strings of about a megabyte, each turned into bytes when full: far faster than
 * one string per line, and never one string as big as the whole model.
 */
class ChunkedText {
  readonly #chunks: Buffer[] = [];
  #current = '';

  add(text: string): void {
    this.#current += text;
    if (this.#current.length >= 1 << 20) this.#flush();
  }

  /** Appends everything another collector holds. */
  append(other: ChunkedText): void {
    this.#flush();
    other.#flush();
    this.#chunks.push(...other.#chunks);
  }

  bytes(): Uint8Array {
    this.#flush();
    return Buffer.concat(this.#chunks);
  }

  #flush(): void {
    this.#chunks.push(Buffer.from(this.#current, 'latin1'));
    this.#current = '';
  }
}
