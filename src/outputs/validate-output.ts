import { Buffer } from 'node:buffer';
import { unzipSync } from 'fflate';
import { findExportFormat } from '../plan/export-formats.js';

/** Whether an exported file holds a real model of its format, with a short human summary of it. */
export type OutputCheck =
  { readonly ok: true; readonly summary: string } | { readonly ok: false; readonly reason: string };

/**
 * Checks that an exported file is a complete, non-empty model of the format its suffix names.
 *
 * OpenSCAD can exit 0 and still leave nothing usable behind: an empty file when the model is empty,
 * a truncated one when it crashes, a PNG of 0 bytes when there is no display. A render only counts
 * when this says ok. Checks are structural (headers, counts, closing markers) rather than full
 * parses, and scan the bytes in place instead of splitting them into lines, so files of tens of
 * megabytes take a fraction of a second.
 *
 * @param suffix The file suffix, with or without its leading dot, in any case.
 * @returns `{ ok: true, summary }` (`"1234 facets"`, `"3 contours"`) or `{ ok: false, reason }`.
 *   Empty bytes are only ok for formats that may be empty (echo, term). A suffix OpenSCAD has no
 *   exporter for is ok when non-empty, summarised by its size.
 */
export function validateOutput(suffix: string, bytes: Uint8Array): OutputCheck {
  const key = suffix.replace(/^\./, '').toLowerCase();
  if (bytes.length === 0) {
    return findExportFormat(key)?.mayBeEmpty === true ? ok('empty') : fail('the file is empty');
  }
  const check = checks.get(key);
  return check === undefined ? ok(formatSize(bytes.length)) : check(asBuffer(bytes));
}

type Check = (bytes: Buffer) => OutputCheck;

const checks = new Map<string, Check>([
  ['stl', checkStl],
  ['off', checkOff],
  ['amf', checkAmf],
  ['3mf', check3mf],
  ['wrl', checkWrl],
  ['obj', checkObj],
  ['nef3', checkNef3],
  ['nefdbg', checkNefdbg],
  ['dxf', checkDxf],
  ['svg', checkSvg],
  ['pdf', checkPdf],
  ['csg', checkText],
  ['ast', checkText],
  ['term', checkText],
  ['echo', checkText],
  ['png', checkPng],
]);

function ok(summary: string): OutputCheck {
  return { ok: true, summary };
}

function fail(reason: string): OutputCheck {
  return { ok: false, reason };
}

function checkStl(bytes: Buffer): OutputCheck {
  // Size first: an ASCII STL cannot pass it (its bytes 80–83 are text, which as a count would
  // need gigabytes), while a binary STL may well have a header that starts with "solid".
  const binaryFacets = bytes.length >= 84 ? bytes.readUInt32LE(80) : undefined;
  if (binaryFacets !== undefined && bytes.length === 84 + 50 * binaryFacets) {
    if (binaryFacets === 0) return fail('binary STL with no facets');
    for (let offset = 84; offset < bytes.length; offset += 50) {
      for (let value = 0; value < 12; value += 1) {
        if (!Number.isFinite(bytes.readFloatLE(offset + 4 * value))) {
          return fail(`binary STL facet ${(offset - 84) / 50 + 1} has a non-finite number`);
        }
      }
    }
    return ok(plural(binaryFacets, 'facet'));
  }
  if (!/^\s*solid\b/.test(bytes.toString('latin1', 0, 256))) {
    return fail(
      binaryFacets === undefined
        ? `not an STL file: no "solid" header, and too short for a binary STL`
        : `not an STL file: no "solid" header, and ${bytes.length} bytes is not the size of a binary STL of ${binaryFacets} facets`,
    );
  }
  const end = bytes.lastIndexOf('endsolid');
  if (end === -1 || bytes.indexOf('facet', end) !== -1) {
    return fail('ASCII STL without its closing "endsolid": truncated');
  }
  const opened = countOccurrences(bytes, 'facet normal', end);
  const closed = countOccurrences(bytes, 'endfacet', end);
  const vertices = countOccurrences(bytes, 'vertex', end);
  if (closed === 0) return fail('ASCII STL with no facets');
  if (opened !== closed || vertices !== 3 * closed) {
    return fail(
      `ASCII STL is malformed: ${opened} facets opened, ${closed} closed, ${vertices} vertices`,
    );
  }
  return ok(plural(closed, 'facet'));
}

function checkOff(bytes: Buffer): OutputCheck {
  const reader = new TokenReader(bytes);
  if (!reader.nextLine() || !reader.nextToken() || !/^[A-Z]*OFF$/.test(reader.token())) {
    return fail('not an OFF file: no "OFF" header');
  }
  if (!reader.nextToken() && !(reader.nextLine() && reader.nextToken())) {
    return fail('OFF header without vertex and face counts');
  }
  const vertexCount = reader.integer();
  const faceCount = reader.nextToken() ? reader.integer() : Number.NaN;
  if (Number.isNaN(vertexCount) || Number.isNaN(faceCount)) {
    return fail(`OFF header without vertex and face counts: "${reader.line()}"`);
  }
  if (faceCount === 0) return fail('OFF mesh with no faces');
  for (let vertex = 0; vertex < vertexCount; vertex += 1) {
    if (!reader.nextLine()) return fail(`OFF truncated: ${vertex} of ${vertexCount} vertices`);
    for (let axis = 0; axis < 3; axis += 1) {
      if (!reader.nextToken() || !Number.isFinite(Number(reader.token()))) {
        return fail(`OFF vertex ${vertex} is not three numbers: "${reader.line()}"`);
      }
    }
  }
  for (let face = 0; face < faceCount; face += 1) {
    if (!reader.nextLine()) return fail(`OFF truncated: ${face} of ${faceCount} faces`);
    reader.nextToken();
    const size = reader.integer();
    if (!(size >= 3))
      return fail(`OFF face ${face} has no corner count of 3 or more: "${reader.line()}"`);
    for (let corner = 0; corner < size; corner += 1) {
      if (!reader.nextToken()) {
        return fail(`OFF face ${face} lists fewer than ${size} corners: "${reader.line()}"`);
      }
      if (!(reader.integer() < vertexCount)) {
        return fail(`OFF face ${face} refers to a vertex that does not exist: "${reader.line()}"`);
      }
    }
  }
  return ok(`${plural(faceCount, 'face')}, ${plural(vertexCount, 'vertex', 'vertices')}`);
}

function checkAmf(bytes: Buffer): OutputCheck {
  let xml = bytes;
  if (isZip(bytes)) {
    // The AMF specification allows the XML to be shipped zipped, as the only file of an archive.
    const entries = readZip(bytes, () => true);
    if (typeof entries === 'string') return fail(`zipped AMF is unreadable: ${entries}`);
    const first = Object.values(entries)[0];
    if (first === undefined) return fail('zipped AMF is an empty archive');
    xml = asBuffer(first);
  }
  if (!/<amf[\s>]/.test(xml.toString('latin1', 0, 4096))) {
    return fail('not an AMF file: no <amf> element');
  }
  if (xml.lastIndexOf('</amf>') === -1) return fail('AMF without its closing </amf>: truncated');
  const triangles = countTags(xml, 'triangle');
  if (triangles === 0) return fail('AMF with no triangles');
  return ok(plural(triangles, 'triangle'));
}

const modelRelationshipType = 'http://schemas.microsoft.com/3dmanufacturing/2013/01/3dmodel';

function check3mf(bytes: Buffer): OutputCheck {
  if (!isZip(bytes)) return fail('not a 3MF package: not a zip archive');
  const entries = readZip(bytes, (name) => name === '_rels/.rels' || /\.model$/i.test(name));
  if (typeof entries === 'string') return fail(`3MF package is unreadable: ${entries}`);
  const relationships = entries['_rels/.rels'];
  const target =
    (relationships === undefined ? undefined : modelPartName(asBuffer(relationships).toString())) ??
    '3D/3dmodel.model';
  const part = entries[target];
  if (part === undefined) return fail(`3MF package has no model part ${target}`);
  const xml = asBuffer(part);
  if (!/<model[\s>]/.test(xml.toString('latin1', 0, 4096))) {
    return fail(`3MF ${target} has no <model> element`);
  }
  if (xml.lastIndexOf('</model>') === -1) return fail(`3MF ${target} is truncated`);
  const triangles = countTags(xml, 'triangle');
  if (triangles === 0) return fail('3MF model with no triangles');
  return ok(plural(triangles, 'triangle'));
}

/** The zip entry name of the 3D model part that a package's root relationships point to. */
function modelPartName(relationships: string): string | undefined {
  for (const [element] of relationships.matchAll(/<Relationship\b[^>]*>/g)) {
    if (attribute(element, 'Type') === modelRelationshipType) {
      return attribute(element, 'Target')?.replace(/^\//, '');
    }
  }
  return undefined;
}

function checkWrl(bytes: Buffer): OutputCheck {
  const header = /^#VRML V?(\S+)/.exec(bytes.toString('latin1', 0, 64));
  if (header === null) return fail('not a VRML file: no "#VRML" header');
  let depth = 0;
  for (let index = 0; index < bytes.length; index += 1) {
    const byte = bytes[index];
    if (byte === 0x7b) depth += 1;
    else if (byte === 0x7d) depth -= 1;
  }
  if (depth !== 0) return fail('VRML braces do not balance: truncated');
  if (bytes.indexOf('IndexedFaceSet') === -1) return fail('VRML file with no IndexedFaceSet');
  return ok(`VRML ${header[1] ?? ''}, ${formatSize(bytes.length)}`);
}

function checkObj(bytes: Buffer): OutputCheck {
  let vertices = 0;
  let faces = 0;
  let lastFace = -1;
  const reader = new TokenReader(bytes);
  while (reader.nextLine()) {
    reader.nextToken();
    const keyword = reader.token();
    if (keyword === 'v') vertices += 1;
    else if (keyword === 'f') {
      faces += 1;
      lastFace = reader.lineStart();
    }
  }
  if (vertices === 0 || faces === 0) {
    return fail(`OBJ needs vertices and faces, has ${vertices} "v" and ${faces} "f" lines`);
  }
  // Truncation usually cuts the last face, so check that it joins three known vertices.
  reader.seekLine(lastFace);
  reader.nextToken();
  let corners = 0;
  while (reader.nextToken()) {
    const index = Number.parseInt(reader.token(), 10);
    if (index === 0 || !(Math.abs(index) <= vertices)) break;
    corners += 1;
  }
  if (corners < 3) return fail(`OBJ last face is incomplete: "${reader.line()}"`);
  return ok(`${plural(faces, 'face')}, ${plural(vertices, 'vertex', 'vertices')}`);
}

function checkNef3(bytes: Buffer): OutputCheck {
  const head = bytes.toString('latin1', 0, 1024);
  if (!head.startsWith('Selective Nef Complex')) {
    return fail('not a CGAL Nef polyhedron: no "Selective Nef Complex" header');
  }
  const tail = bytes.toString('latin1', Math.max(0, bytes.length - 64)).trimEnd();
  if (!tail.endsWith('/* end Selective Nef complex */')) {
    return fail('Nef polyhedron without its end marker: truncated');
  }
  const vertices = Number(/^vertices\s+(\d+)/m.exec(head)?.[1]);
  if (!(vertices > 0)) return fail('Nef polyhedron with no vertices');
  return ok(plural(vertices, 'vertex', 'vertices'));
}

/** CGAL's debug dump of a Nef polyhedron: an SVG picture with the polyhedron's data in comments. */
function checkNefdbg(bytes: Buffer): OutputCheck {
  const head = bytes.toString('latin1', 0, 4096);
  if (!head.startsWith('<!--CGAL_Nef_polyhedron3 dump begin-->')) {
    return fail('not a CGAL Nef polyhedron dump: no "CGAL_Nef_polyhedron3 dump begin" header');
  }
  const tail = bytes.toString('latin1', Math.max(0, bytes.length - 64)).trimEnd();
  if (!/<!--CGAL_Nef_polyhedron3 dump end-->\s*<\/svg>$/.test(tail)) {
    return fail('Nef polyhedron dump without its end marker: truncated');
  }
  const vertices = Number(/^number of vertices\s+(\d+)/m.exec(head)?.[1]);
  if (!(vertices > 0)) return fail('Nef polyhedron dump with no vertices');
  return ok(plural(vertices, 'vertex', 'vertices'));
}

/** Entity types that draw something; VERTEX and SEQEND only belong to a POLYLINE. */
const drawingEntities = new Set([
  'LINE',
  'LWPOLYLINE',
  'POLYLINE',
  'CIRCLE',
  'ARC',
  'ELLIPSE',
  'SPLINE',
  'SOLID',
  'HATCH',
  '3DFACE',
]);

function checkDxf(bytes: Buffer): OutputCheck {
  const reader = new TokenReader(bytes, { keepBlankLines: true });
  let inEntities = false;
  let sawEntities = false;
  let previousValue = '';
  let entities = 0;
  while (reader.nextLine()) {
    const code = reader.nextToken() ? reader.integer() : Number.NaN;
    if (Number.isNaN(code) && reader.line() !== '-1') {
      return fail(`not a DXF file: "${reader.line().slice(0, 40)}" is not a group code`);
    }
    if (!reader.nextLine()) return fail('DXF ends inside a group: truncated');
    // Values of group 0 and 2 are names; anything longer is data that need not be read.
    const value = code === 0 || code === 2 ? reader.line() : '';
    if (code === 0) {
      if (value === 'EOF') {
        if (!sawEntities) return fail('DXF has no ENTITIES section');
        if (entities === 0) return fail('DXF with no drawing entities');
        return ok(plural(entities, 'entity', 'entities'));
      }
      if (value === 'ENDSEC') inEntities = false;
      else if (inEntities && drawingEntities.has(value)) entities += 1;
    } else if (code === 2 && previousValue === 'SECTION' && value === 'ENTITIES') {
      inEntities = true;
      sawEntities = true;
    }
    previousValue = value;
  }
  return fail('DXF without its closing EOF: truncated');
}

function checkSvg(bytes: Buffer): OutputCheck {
  const text = bytes.toString('latin1');
  const root = /<svg[\s>]/.exec(text);
  if (root === null) return fail('not an SVG file: no <svg> element');
  if (text.indexOf('</svg>', root.index) === -1) {
    return fail('SVG without its closing </svg>: truncated');
  }
  let contours = 0;
  for (const [, element, attributes = ''] of text.matchAll(/<(path|polygon|polyline)\b([^>]*)>/g)) {
    if (element === 'path') {
      contours += countMatches(attribute(attributes, 'd') ?? '', /[Mm]\s*[-+.\d]/g);
    } else if (countMatches(attribute(attributes, 'points') ?? '', /[-+]?[.\d]+/g) >= 4) {
      contours += 1;
    }
  }
  if (contours === 0) return fail('SVG with no path, polygon or polyline coordinates');
  return ok(plural(contours, 'contour'));
}

function checkPdf(bytes: Buffer): OutputCheck {
  const version = /%PDF-(\d+\.\d+)/.exec(bytes.toString('latin1', 0, 1024));
  if (version === null) return fail('not a PDF file: no "%PDF-" header');
  if (bytes.indexOf('%%EOF', Math.max(0, bytes.length - 1024)) === -1) {
    return fail('PDF without its closing %%EOF: truncated');
  }
  return ok(`PDF ${version[1] ?? ''}, ${formatSize(bytes.length)}`);
}

function checkText(bytes: Buffer): OutputCheck {
  if (bytes.includes(0)) return fail('not a text file: it contains NUL bytes');
  const lines = countOccurrences(bytes, '\n', bytes.length) + (bytes.at(-1) === 0x0a ? 0 : 1);
  return ok(plural(lines, 'line'));
}

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function checkPng(bytes: Buffer): OutputCheck {
  if (bytes.length < 33 || !bytes.subarray(0, 8).equals(pngSignature)) {
    return fail('not a PNG image: no PNG signature');
  }
  if (bytes.toString('latin1', 12, 16) !== 'IHDR') return fail('PNG without its IHDR header');
  if (bytes.toString('latin1', bytes.length - 8, bytes.length - 4) !== 'IEND') {
    return fail('PNG without its IEND chunk: truncated');
  }
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  if (width === 0 || height === 0) return fail(`PNG of ${width}×${height} pixels`);
  return ok(`${width}×${height} px`);
}

/** The same bytes as a Buffer, for its fast native search, without copying them. */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function isZip(bytes: Buffer): boolean {
  return bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50;
}

/** The entries of a zip archive that `wanted` selects, or why it cannot be read. */
function readZip(
  bytes: Uint8Array,
  wanted: (name: string) => boolean,
): Record<string, Uint8Array> | string {
  try {
    return unzipSync(bytes, { filter: (file) => wanted(file.name) });
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** The value of an XML attribute in the text of one start tag (or its attribute list). */
function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(tag);
  return match === null ? undefined : (match[1] ?? match[2]);
}

/** How many times `needle` occurs in the bytes before `end`. */
function countOccurrences(bytes: Buffer, needle: string, end: number): number {
  let count = 0;
  for (let index = bytes.indexOf(needle); index !== -1 && index < end; count += 1) {
    index = bytes.indexOf(needle, index + needle.length);
  }
  return count;
}

/** How many `<tag` start tags there are, not counting longer names such as `<tags`. */
function countTags(xml: Buffer, tag: string): number {
  const needle = `<${tag}`;
  let count = 0;
  for (let index = xml.indexOf(needle); index !== -1; index = xml.indexOf(needle, index + 1)) {
    const next = xml[index + needle.length] ?? 0;
    if (isBlank(next) || next === 0x0a || next === 0x2f || next === 0x3e) count += 1;
  }
  return count;
}

function countMatches(text: string, pattern: RegExp): number {
  let count = 0;
  pattern.lastIndex = 0;
  while (pattern.exec(text) !== null) count += 1;
  return count;
}

function isBlank(byte: number): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0d;
}

/**
 * Walks the lines of a text file token by token, in place. Unless asked to keep them, blank lines
 * and `#` comments (OFF, OBJ) are skipped.
 */
class TokenReader {
  #position = 0;
  #lineStart = 0;
  #lineEnd = -1;
  #tokenStart = 0;
  #tokenEnd = 0;

  constructor(
    private readonly bytes: Buffer,
    private readonly options: { readonly keepBlankLines?: boolean } = {},
  ) {}

  /** Moves to the next line (that holds data); false at the end of the bytes. */
  nextLine(): boolean {
    for (let start = this.#lineEnd + 1; start < this.bytes.length; start = this.#lineEnd + 1) {
      const end = this.bytes.indexOf(0x0a, start);
      this.#lineStart = start;
      this.#lineEnd = end === -1 ? this.bytes.length : end;
      this.#position = start;
      if (this.options.keepBlankLines === true) return true;
      this.#skipBlanks();
      if (this.#position < this.#lineEnd && this.bytes[this.#position] !== 0x23) return true;
    }
    return false;
  }

  /** Makes the line that starts at `start` the current one. */
  seekLine(start: number): void {
    this.#lineEnd = start - 1;
    this.nextLine();
  }

  /** Moves to the next token of the current line; false when the line has no more. */
  nextToken(): boolean {
    this.#skipBlanks();
    if (this.#position >= this.#lineEnd || this.bytes[this.#position] === 0x23) return false;
    this.#tokenStart = this.#position;
    while (this.#position < this.#lineEnd && !isBlank(this.bytes[this.#position] ?? 0)) {
      this.#position += 1;
    }
    this.#tokenEnd = this.#position;
    return true;
  }

  token(): string {
    return this.bytes.toString('latin1', this.#tokenStart, this.#tokenEnd);
  }

  /** The current token as a non-negative integer, or NaN when it is anything else. */
  integer(): number {
    if (this.#tokenEnd === this.#tokenStart) return Number.NaN;
    let value = 0;
    for (let index = this.#tokenStart; index < this.#tokenEnd; index += 1) {
      const digit = (this.bytes[index] ?? 0) - 0x30;
      if (digit < 0 || digit > 9) return Number.NaN;
      value = value * 10 + digit;
    }
    return value;
  }

  lineStart(): number {
    return this.#lineStart;
  }

  /** The current line, trimmed. */
  line(): string {
    return this.bytes.toString('latin1', this.#lineStart, this.#lineEnd).trim();
  }

  #skipBlanks(): void {
    while (this.#position < this.#lineEnd && isBlank(this.bytes[this.#position] ?? 0)) {
      this.#position += 1;
    }
  }
}

function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return plural(bytes, 'byte');
  const units = ['KiB', 'MiB', 'GiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit] ?? ''}`;
}
