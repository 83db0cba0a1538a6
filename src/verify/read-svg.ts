import { findAttribute } from './find-attribute.js';
import { isTagAt } from './is-tag-at.js';
import { latin1Text } from './latin1-text.js';
import { TextCursor } from './text-cursor.js';
import { UnreadableOutputError } from './unreadable-output-error.js';

/**
 * Reads the outlines of an SVG drawing as OpenSCAD writes it: one `<path>` whose `d` holds a
 * subpath per contour, `M x,y L x,y … z`. Both OpenSCAD 2021 and 2025 write SVG's y axis, which
 * points down, as the model's y negated (`square([30, 20])` spans y -20 to 0 in the file), so the
 * contours come back in model coordinates with y negated again.
 *
 * Moves, lines, horizontal and vertical lines are read, absolute and relative, as SVG defines
 * them; an unclosed subpath is closed, as SVG fills it. Curves and transforms are refused rather
 * than measured wrongly: OpenSCAD writes neither.
 *
 * @returns Each contour as a closed ring `x0 y0 x1 y1 …` (the closing edge implied).
 * @throws {UnreadableOutputError} for a malformed path or one that uses curves.
 */
export function readSvg(bytes: Uint8Array): Float64Array[] {
  const text = latin1Text(bytes);
  if (!/<\/svg>\s*$/.test(text.slice(-64))) {
    throw new UnreadableOutputError('SVG without its closing </svg>: truncated');
  }
  const contours: Float64Array[] = [];
  for (let at = text.indexOf('<'); at !== -1; at = text.indexOf('<', at + 1)) {
    const end = text.indexOf('>', at);
    if (findAttribute(text, at, end, 'transform') !== -1) {
      throw new UnreadableOutputError('SVG transforms are not measured');
    }
    if (isTagAt(text, at, 'path')) {
      const data = findAttribute(text, at, end, 'd');
      if (data !== -1) readPathData(text, data, contours);
    }
    at = end;
  }
  return contours;
}

function readPathData(text: string, start: number, contours: Float64Array[]): void {
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
      default:
        fail(
          command === 0
            ? 'path data does not start with a command'
            : `path command "${String.fromCharCode(command)}" is not measured (only M L H V Z)`,
        );
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
