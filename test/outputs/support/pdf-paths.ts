import { Buffer } from 'node:buffer';
import { PDFArray, PDFDocument, PDFRawStream, decodePDFRawStream } from 'pdf-lib';

/** A point on the page, in PDF points, y up. */
export type Point = readonly [x: number, y: number];

/** One painted path: its subpaths' points in page coordinates, and the operator that painted it. */
export interface PaintedPath {
  readonly paint: string;
  readonly subpaths: readonly (readonly Point[])[];
  /** The line width in force, in page points (for a uniform transformation). */
  readonly lineWidth: number;
}

export interface PdfDrawing {
  readonly width: number;
  readonly height: number;
  readonly paths: readonly PaintedPath[];
}

type Matrix = readonly [number, number, number, number, number, number];

const paintOperators = new Set(['S', 's', 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*', 'n']);

/**
 * Replays the first page's content stream of a PDF and returns its page size and every painted
 * path, with the transformation matrices applied: what a viewer would draw, as numbers. Handles
 * the operators that pdf-lib and cairo (OpenSCAD's PDF export) write for line art; text is skipped.
 */
export async function readPdfDrawing(bytes: Uint8Array): Promise<PdfDrawing> {
  const document = await PDFDocument.load(bytes);
  const page = document.getPage(0);
  const { width, height } = page.getSize();
  const contents = page.node.Contents();
  const streams =
    contents instanceof PDFArray
      ? contents.asArray().map((ref) => document.context.lookup(ref))
      : [contents];
  const source = streams
    .map((stream) => {
      if (!(stream instanceof PDFRawStream)) throw new Error('unexpected content stream type');
      return Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1');
    })
    .join('\n');

  const paths: PaintedPath[] = [];
  const stack: { matrix: Matrix; lineWidth: number }[] = [];
  let matrix: Matrix = [1, 0, 0, 1, 0, 0];
  let lineWidth = 1;
  let subpaths: Point[][] = [];
  let operands: number[] = [];
  const at = (x: number, y: number): Point => [
    matrix[0] * x + matrix[2] * y + matrix[4],
    matrix[1] * x + matrix[3] * y + matrix[5],
  ];
  for (const token of tokens(source)) {
    const number = Number(token);
    if (token !== '' && Number.isFinite(number)) {
      operands.push(number);
      continue;
    }
    const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = operands;
    switch (token) {
      case 'q':
        stack.push({ matrix, lineWidth });
        break;
      case 'Q':
        ({ matrix, lineWidth } = stack.pop() ?? { matrix, lineWidth });
        break;
      case 'cm':
        matrix = multiply([a, b, c, d, e, f], matrix);
        break;
      case 'w':
        lineWidth = a * Math.sqrt(Math.abs(matrix[0] * matrix[3] - matrix[1] * matrix[2]));
        break;
      case 'm':
        subpaths.push([at(a, b)]);
        break;
      case 'l':
        subpaths.at(-1)?.push(at(a, b));
        break;
      case 'c':
        subpaths.at(-1)?.push(at(e, f));
        break;
      case 're':
        subpaths.push([at(a, b), at(a + c, b), at(a + c, b + d), at(a, b + d)]);
        break;
      default:
        if (paintOperators.has(token)) {
          paths.push({ paint: token, subpaths, lineWidth });
          subpaths = [];
        }
    }
    operands = [];
  }
  return { width, height, paths };
}

/** The matrix that applies `first`, then `second`. */
function multiply(first: Matrix, second: Matrix): Matrix {
  const [a, b, c, d, e, f] = first;
  const [A, B, C, D, E, F] = second;
  return [
    a * A + b * C,
    a * B + b * D,
    c * A + d * C,
    c * B + d * D,
    e * A + f * C + E,
    e * B + f * D + F,
  ];
}

/** The tokens of a content stream, with strings, names and dictionaries dropped. */
function* tokens(source: string): Generator<string> {
  const pattern = /\((?:\\.|[^\\)])*\)|<<|>>|<[^>]*>|\/[^\s/[\]()<>]+|\[|\]|[^\s/[\]()<>]+/g;
  for (const [token] of source.matchAll(pattern)) {
    if (/^[([<>/\]]/.test(token)) yield '';
    else yield token;
  }
}

/** The smallest box holding the points: [minX, minY, maxX, maxY]. */
export function boundingBox(points: readonly Point[]): [number, number, number, number] {
  const xs = points.map(([x]) => x);
  const ys = points.map(([, y]) => y);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}
