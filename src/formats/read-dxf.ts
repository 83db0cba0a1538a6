import { chainSegments } from './chain-segments.js';
import { countNoun } from './count-noun.js';
import type { Drawing } from './drawing.js';
import { latin1Text } from './latin1-text.js';
import { reportUnsupported, type ReadOptions } from './read-options.js';
import { TextCursor } from './text-cursor.js';
import { UnreadableOutputError } from './unreadable-output-error.js';

/**
 * Reads the outlines of a DXF drawing from its ENTITIES section. OpenSCAD 2021 writes each edge of
 * each contour as a LINE (group codes 10/20 to 11/21); OpenSCAD 2025 writes each contour as a closed
 * LWPOLYLINE (its corners as 10/20 pairs, flag 1 of group 70 set). LINEs and open polylines are
 * chained back into closed contours at their shared end points.
 *
 * Other entities (arcs, circles, splines, old-style POLYLINEs), polyline bulges and edges that do
 * not close into contours are not read (see `options.onUnsupported`): OpenSCAD writes none of them.
 *
 * @returns The contours, as one shape, and a summary counting the drawing entities.
 * @throws {UnreadableOutputError} for a malformed file, one cut short, or one with no ENTITIES
 *   section or no drawing entity in it.
 */
export function readDxf(bytes: Uint8Array, options?: ReadOptions): Drawing {
  const reader = new GroupReader(latin1Text(bytes));
  const contours: Float64Array[] = [];
  const segments: number[] = [];
  let inEntities = false;
  let sawEntities = false;
  let entities = 0;
  let ended = false;
  while (reader.next()) {
    if (reader.code() !== 0) continue;
    if (reader.valueIs('EOF')) {
      ended = true;
      break;
    }
    if (reader.valueIs('SECTION')) {
      inEntities = reader.next() && reader.code() === 2 && reader.valueIs('ENTITIES');
      sawEntities ||= inEntities;
    } else if (reader.valueIs('ENDSEC')) {
      inEntities = false;
    } else if (inEntities) {
      if (drawingEntities.has(reader.value())) entities += 1;
      if (reader.valueIs('LINE')) readLine(reader, segments);
      else if (reader.valueIs('LWPOLYLINE')) readPolyline(reader, contours, segments, options);
      else {
        const what = `the entity ${reader.value()} is not measured (only LINE and LWPOLYLINE)`;
        if (options?.onUnsupported === undefined) throw reader.error(what);
        options.onUnsupported(what);
        while (reader.next() && reader.code() !== 0);
      }
      // The entity's reader stopped on the group 0 that starts what follows: read it again.
      if (reader.code() === 0) reader.again();
    }
  }
  if (!ended) throw new UnreadableOutputError('DXF without its closing EOF: truncated');
  if (!sawEntities) throw new UnreadableOutputError('DXF has no ENTITIES section');
  if (entities === 0) throw new UnreadableOutputError('DXF with no drawing entities');
  let chained: Float64Array[] = [];
  try {
    chained = chainSegments(segments);
  } catch (error) {
    if (!(error instanceof UnreadableOutputError)) throw error;
    reportUnsupported(options, error.message);
  }
  const all = [...contours, ...chained];
  return {
    contours: all,
    shapes: all.length === 0 ? [] : [all.length],
    summary: countNoun(entities, 'entity', 'entities'),
  };
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

function readLine(reader: GroupReader, segments: number[]): void {
  const ends = [Number.NaN, Number.NaN, Number.NaN, Number.NaN];
  while (reader.next() && reader.code() !== 0) {
    const slot = [10, 20, 11, 21].indexOf(reader.code());
    if (slot !== -1) ends[slot] = reader.number();
  }
  if (ends.some(Number.isNaN)) throw reader.error('a LINE without both end points');
  segments.push(...ends);
}

function readPolyline(
  reader: GroupReader,
  contours: Float64Array[],
  segments: number[],
  options: ReadOptions | undefined,
): void {
  const points: number[] = [];
  let flags = 0;
  let count = -1;
  while (reader.next() && reader.code() !== 0) {
    if (reader.code() === 90) count = reader.number();
    else if (reader.code() === 10) points.push(reader.number(), Number.NaN);
    else if (reader.code() === 20) points[points.length - 1] = reader.number();
    else if (reader.code() === 70) flags = reader.number();
    else if (reader.code() === 42 && reader.number() !== 0) {
      const what = 'LWPOLYLINE arcs (bulges) are not measured';
      if (options?.onUnsupported === undefined) throw reader.error(what);
      options.onUnsupported(what);
    }
  }
  if (points.some(Number.isNaN)) throw reader.error('an LWPOLYLINE corner without both x and y');
  if (count !== -1 && count !== points.length / 2) {
    throw reader.error(`an LWPOLYLINE of ${count} corners lists ${points.length / 2}`);
  }
  if ((flags & 1) === 1) {
    if (points.length >= 6) contours.push(Float64Array.from(points));
    return;
  }
  for (let at = 0; at + 3 < points.length; at += 2) {
    segments.push(points[at] ?? 0, points[at + 1] ?? 0, points[at + 2] ?? 0, points[at + 3] ?? 0);
  }
}

/** Walks a DXF text group by group: a group code on one line, its value on the next. */
class GroupReader {
  #code = -1;
  readonly #cursor: TextCursor;
  #valueStart = 0;
  #valueEnd = 0;
  #groupStart = 0;

  constructor(text: string) {
    this.#cursor = new TextCursor(text);
  }

  /** Moves to the next group; false at the end of the text. */
  next(): boolean {
    const cursor = this.#cursor;
    cursor.skipWhitespace();
    if (cursor.atEnd) {
      // No group is current: a caller that stopped on a group 0 must not read it again.
      this.#code = -1;
      return false;
    }
    this.#groupStart = cursor.position;
    const code = cursor.number();
    if (!Number.isInteger(code) || !cursor.atLineEnd()) throw this.error('expected a group code');
    this.#code = code;
    cursor.skipLine();
    this.#valueStart = cursor.position;
    cursor.skipLine();
    let end = cursor.position;
    while (end > this.#valueStart && isBlank(cursor.text.charCodeAt(end - 1))) end -= 1;
    this.#valueEnd = end;
    return true;
  }

  /** The current group's code. */
  code(): number {
    return this.#code;
  }

  /** Makes the next call to `next` read the current group again. */
  again(): void {
    this.#cursor.position = this.#groupStart;
  }

  /** Whether the current group's value, without surrounding blanks, is `text`. */
  valueIs(text: string): boolean {
    const start = this.#valueStartTrimmed();
    return this.#valueEnd - start === text.length && this.#cursor.text.startsWith(text, start);
  }

  /** The current group's value as text. */
  value(): string {
    return this.#cursor.text.slice(this.#valueStartTrimmed(), this.#valueEnd);
  }

  /** The current group's value as a number. */
  number(): number {
    const cursor = this.#cursor;
    const after = cursor.position;
    cursor.position = this.#valueStartTrimmed();
    const value = cursor.number();
    const whole = cursor.position === this.#valueEnd;
    cursor.position = after;
    if (!Number.isFinite(value) || !whole) {
      throw this.error(`expected a number for group code ${this.#code}`);
    }
    return value;
  }

  /** An error that names the line of the current group. */
  error(what: string): UnreadableOutputError {
    const cursor = this.#cursor;
    const after = cursor.position;
    cursor.position = this.#groupStart;
    const line = cursor.lineNumber();
    cursor.position = after;
    return new UnreadableOutputError(`DXF line ${line}: ${what}`);
  }

  #valueStartTrimmed(): number {
    let start = this.#valueStart;
    while (start < this.#valueEnd && isBlank(this.#cursor.text.charCodeAt(start))) start += 1;
    return start;
  }
}

function isBlank(code: number): boolean {
  return code === 0x20 || (code >= 0x09 && code <= 0x0d);
}
