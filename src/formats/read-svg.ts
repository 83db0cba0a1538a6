import { countNoun } from './count-noun.js';
import type { Drawing } from './drawing.js';
import { findAttribute } from './find-attribute.js';
import { isTagAt } from './is-tag-at.js';
import { latin1Text } from './latin1-text.js';
import { reportUnsupported, type ReadOptions } from './read-options.js';
import { TextCursor } from './text-cursor.js';
import { UnreadableOutputError } from './unreadable-output-error.js';

/** An SVG drawing: its outlines, and the root's sizing attributes, for a converter that keeps scale. */
export interface SvgDrawing extends Drawing {
  /** The `<svg>` element's `width`, `height` and `viewBox`, as written. */
  readonly root: {
    readonly width?: string;
    readonly height?: string;
    readonly viewBox?: string;
  };
  /** The document's `<title>`, as written (entities not decoded). */
  readonly title?: string;
}

/**
 * Reads the outlines of an SVG drawing as OpenSCAD writes it: one `<path>` whose `d` holds a
 * subpath per contour, `M x,y L x,y … z` (and `<polygon>`/`<polyline>` points, which other tools
 * write). Both OpenSCAD 2021 and 2025 write SVG's y axis, which points down, as the model's y
 * negated (`square([30, 20])` spans y -20 to 0 in the file), so the contours come back in model
 * coordinates with y negated again.
 *
 * Moves, lines, horizontal and vertical lines are read, absolute and relative, as SVG defines
 * them; an unclosed subpath is closed, as SVG fills it. Curves and transforms are not read (see
 * `options.onUnsupported`): OpenSCAD writes neither.
 *
 * @throws {UnreadableOutputError} for a file that is not SVG, is cut short, has a malformed path
 *   or nothing drawn.
 */
export function readSvg(bytes: Uint8Array, options?: ReadOptions): SvgDrawing {
  const text = latin1Text(bytes);
  const rootAt = /<svg[\s>]/.exec(text)?.index;
  if (rootAt === undefined) throw new UnreadableOutputError('not an SVG file: no <svg> element');
  if (!/<\/svg>\s*$/.test(text.slice(-64))) {
    throw new UnreadableOutputError('SVG without its closing </svg>: truncated');
  }
  const rootEnd = text.indexOf('>', rootAt);
  const contours: Float64Array[] = [];
  const shapes: number[] = [];
  for (let at = text.indexOf('<', rootAt); at !== -1; at = text.indexOf('<', at + 1)) {
    const end = text.indexOf('>', at);
    if (findAttribute(text, at, end, 'transform') !== -1) {
      reportUnsupported(options, 'SVG transforms are not supported');
    }
    const before = contours.length;
    if (isTagAt(text, at, 'path')) {
      const data = findAttribute(text, at, end, 'd');
      if (data !== -1) readPathData(text, data, contours, options);
    } else if (isTagAt(text, at, 'polygon') || isTagAt(text, at, 'polyline')) {
      const points = findAttribute(text, at, end, 'points');
      if (points !== -1) readPoints(text, points, contours);
    }
    if (contours.length > before) shapes.push(contours.length - before);
    at = end;
  }
  if (contours.length === 0) {
    throw new UnreadableOutputError('SVG with no path, polygon or polyline coordinates');
  }
  const attribute = (name: string): string | undefined => {
    const start = findAttribute(text, rootAt, rootEnd, name);
    return start === -1
      ? undefined
      : text.slice(start, text.indexOf(text.charAt(start - 1), start));
  };
  const root = {
    ...optional('width', attribute('width')),
    ...optional('height', attribute('height')),
    ...optional('viewBox', attribute('viewBox')),
  };
  const title = /<title>([^<]*)<\/title>/.exec(text)?.[1]?.trim();
  return {
    contours,
    shapes,
    summary: countNoun(contours.length, 'contour'),
    root,
    ...optional('title', title === '' ? undefined : title),
  };
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}

/** A `points` list of a polygon or polyline: one contour of two points or more, y negated. */
function readPoints(text: string, start: number, contours: Float64Array[]): void {
  const cursor = new TextCursor(text);
  cursor.position = start;
  const values: number[] = [];
  for (;;) {
    skipSeparators(cursor);
    const value = cursor.number();
    if (Number.isNaN(value)) break;
    values.push(values.length % 2 === 1 ? 0 - value : value);
  }
  if (values.length % 2 === 1) values.pop();
  if (values.length >= 4) contours.push(Float64Array.from(values));
}

function readPathData(
  text: string,
  start: number,
  contours: Float64Array[],
  options: ReadOptions | undefined,
): void {
  const cursor = new TextCursor(text);
  cursor.position = start;
  const quote = text.charCodeAt(start - 1);
  const fail = (what: string): never => {
    throw new UnreadableOutputError(`SVG line ${cursor.lineNumber()}: ${what}`);
  };
  const number = (): number => {
    skipSeparators(cursor);
    const value = cursor.number();
    return Number.isFinite(value) ? value : fail('expected a number in the path data');
  };

  let ring: number[] = [];
  const close = (): void => {
    if (ring.length >= 6) {
      // 0 - y rather than -y: a y of 0 must not become -0.
      contours.push(Float64Array.from(ring, (value, at) => (at % 2 === 1 ? 0 - value : value)));
    }
    ring = [];
  };
  let command = 0;
  let x = 0;
  let y = 0;
  let startX = 0;
  let startY = 0;
  for (;;) {
    skipSeparators(cursor);
    if (cursor.atEnd) fail('the path data does not end');
    const code = text.charCodeAt(cursor.position);
    if (code === quote) break;
    if (isLetter(code)) {
      command = code;
      cursor.position += 1;
      if (command === 0x5a || command === 0x7a) {
        close();
        x = startX;
        y = startY;
      }
      continue;
    }
    switch (command) {
      case 0x4d: // M
      case 0x6d: // m
        close();
        x = command === 0x6d ? x + number() : number();
        y = command === 0x6d ? y + number() : number();
        startX = x;
        startY = y;
        ring.push(x, y);
        // Pairs after a move's first are lines (SVG 1.1, 8.3.2).
        command = command === 0x6d ? 0x6c : 0x4c;
        continue;
      case 0x4c: // L
        x = number();
        y = number();
        break;
      case 0x6c: // l
        x += number();
        y += number();
        break;
      case 0x48: // H
        x = number();
        break;
      case 0x68: // h
        x += number();
        break;
      case 0x56: // V
        y = number();
        break;
      case 0x76: // v
        y += number();
        break;
      case 0:
        fail('path data does not start with a command');
        break;
      case -1:
        number();
        continue;
      default:
        // A command not read: say so once, then pass over its numbers.
        reportUnsupported(
          options,
          `path command "${String.fromCharCode(command)}" is not supported (only M L H V Z)`,
        );
        command = -1;
        number();
        continue;
    }
    // A line right after a close starts from where the closed subpath started.
    if (ring.length === 0) ring.push(startX, startY);
    ring.push(x, y);
  }
  close();
}

function skipSeparators(cursor: TextCursor): void {
  cursor.skipWhitespace();
  while (cursor.text.charCodeAt(cursor.position) === 0x2c) {
    cursor.position += 1;
    cursor.skipWhitespace();
  }
}

function isLetter(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}
