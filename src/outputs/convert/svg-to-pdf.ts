import {
  PDFDocument,
  PDFOperator,
  PDFOperatorNames,
  concatTransformationMatrix,
  drawSvgPath,
  fillAndStroke,
  grayscale,
  popGraphicsState,
  pushGraphicsState,
} from 'pdf-lib';

/** Options of {@link svgToPdf}. */
export interface SvgToPdfOptions {
  /**
   * White space around the drawing on every side, in millimetres.
   * @default 10
   */
  readonly marginMm?: number;
}

const pointsPerMm = 72 / 25.4;

/** Millimetres per unit of SVG length; a length without a unit is in CSS pixels. */
const mmPerUnit: Readonly<Record<string, number>> = {
  mm: 1,
  cm: 10,
  q: 0.25,
  in: 25.4,
  pt: 25.4 / 72,
  pc: 25.4 / 6,
  px: 25.4 / 96,
  '': 25.4 / 96,
};

/** OpenSCAD's SVG export fills with CSS lightgray, and its 2021 PDF export outlines in black at 1 pt. */
const fillColor = grayscale(211 / 255);
const strokeColor = grayscale(0);
const strokeWidthPt = 1;

/**
 * Draws an SVG drawing, as OpenSCAD exports it, on a one-page PDF at true scale.
 *
 * The WebAssembly OpenSCAD has no PDF export, so on that engine parascad asks for SVG and converts
 * it here. The page is the drawing's size (its `width`/`height` in mm, or its viewBox in mm when
 * they are missing, as OpenSCAD's unit is the millimetre) plus the margin on each side, so printing
 * at 100 % gives real dimensions. Every `<path>`, `<polygon>` and `<polyline>` is filled light grey
 * with the even-odd rule, so holes stay holes, and outlined in black 1 pt lines like OpenSCAD's own
 * PDF export. The output has no dates in it: the same SVG gives the same bytes.
 *
 * @throws {Error} when the text has no `<svg>` element, no size, a `transform` (not supported), or
 *   nothing drawable.
 */
export async function svgToPdf(svg: string, options: SvgToPdfOptions = {}): Promise<Uint8Array> {
  const marginMm = options.marginMm ?? 10;
  if (!Number.isFinite(marginMm) || marginMm < 0) {
    throw new RangeError(`marginMm must be a number of millimetres ≥ 0, got ${marginMm}`);
  }
  const root = /<svg\b([^>]*)>/.exec(svg);
  if (root === null) throw new Error('Cannot convert SVG to PDF: there is no <svg> element');
  if (/\stransform\s*=/.test(svg)) {
    throw new Error('Cannot convert SVG to PDF: SVG transforms are not supported');
  }
  const frame = drawingFrame(root[1] ?? '');
  const paths = drawablePaths(svg.slice(root.index));
  if (paths.length === 0) {
    throw new Error('Cannot convert SVG to PDF: the SVG has no path, polygon or polyline to draw');
  }

  const document = await PDFDocument.create({ updateMetadata: false });
  document.setCreator('parascad');
  document.setProducer('pdf-lib');
  const title = /<title>([^<]*)<\/title>/.exec(svg)?.[1]?.trim();
  if (title !== undefined && title !== '') document.setTitle(decodeEntities(title));

  const marginPt = marginMm * pointsPerMm;
  const scaleX = frame.mmPerUnitX * pointsPerMm;
  const scaleY = frame.mmPerUnitY * pointsPerMm;
  const page = document.addPage([
    frame.viewBox.width * scaleX + 2 * marginPt,
    frame.viewBox.height * scaleY + 2 * marginPt,
  ]);
  // SVG user units to page points. drawSvgPath flips y itself (its y axis points down, like SVG's),
  // so this maps the flipped viewBox onto the page inside the margin.
  const toPage = concatTransformationMatrix(
    scaleX,
    0,
    0,
    scaleY,
    marginPt - frame.viewBox.x * scaleX,
    marginPt + (frame.viewBox.y + frame.viewBox.height) * scaleY,
  );
  const lineWidth = strokeWidthPt / Math.sqrt(scaleX * scaleY);
  for (const path of paths) {
    const drawing = drawSvgPath(path, {
      x: 0,
      y: 0,
      scale: undefined,
      color: fillColor,
      borderColor: strokeColor,
      borderWidth: lineWidth,
    });
    page.pushOperators(pushGraphicsState(), toPage, ...evenOdd(drawing), popGraphicsState());
  }
  return document.save();
}

interface DrawingFrame {
  readonly viewBox: {
    readonly x: number;
    readonly y: number;
    readonly width: number;
    readonly height: number;
  };
  readonly mmPerUnitX: number;
  readonly mmPerUnitY: number;
}

/** Where the drawing lies in SVG user units and how long a user unit is on paper. */
function drawingFrame(rootAttributes: string): DrawingFrame {
  const width = svgLengthMm(attribute(rootAttributes, 'width'));
  const height = svgLengthMm(attribute(rootAttributes, 'height'));
  const viewBoxText = attribute(rootAttributes, 'viewBox');
  if (viewBoxText !== undefined) {
    const [x, y, boxWidth, boxHeight] = viewBoxText
      .trim()
      .split(/[\s,]+/)
      .map(Number);
    if (
      x === undefined ||
      y === undefined ||
      boxWidth === undefined ||
      boxHeight === undefined ||
      ![x, y, boxWidth, boxHeight].every(Number.isFinite) ||
      boxWidth <= 0 ||
      boxHeight <= 0
    ) {
      throw new Error(`Cannot convert SVG to PDF: invalid viewBox "${viewBoxText}"`);
    }
    // Without a size the user unit is OpenSCAD's: one millimetre.
    const mmPerUnitX = width === undefined ? undefined : width / boxWidth;
    const mmPerUnitY = height === undefined ? undefined : height / boxHeight;
    return {
      viewBox: { x, y, width: boxWidth, height: boxHeight },
      mmPerUnitX: mmPerUnitX ?? mmPerUnitY ?? 1,
      mmPerUnitY: mmPerUnitY ?? mmPerUnitX ?? 1,
    };
  }
  if (width === undefined || height === undefined) {
    throw new Error(
      'Cannot convert SVG to PDF: the SVG has neither a viewBox nor a width and height',
    );
  }
  // Without a viewBox, user units are CSS pixels.
  const pixel = mmPerUnit.px ?? 1;
  return {
    viewBox: { x: 0, y: 0, width: width / pixel, height: height / pixel },
    mmPerUnitX: pixel,
    mmPerUnitY: pixel,
  };
}

/** An SVG length (`25mm`, `2in`, `96`) in millimetres; undefined when absent, relative or invalid. */
function svgLengthMm(text: string | undefined): number | undefined {
  const match = /^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)\s*([a-z]*)\s*$/i.exec(text ?? '');
  if (match === null) return undefined;
  const factor = mmPerUnit[(match[2] ?? '').toLowerCase()];
  const value = Number(match[1]);
  return factor === undefined || !(value > 0) ? undefined : value * factor;
}

/** The path data of every drawable element, in document order. */
function drawablePaths(svg: string): string[] {
  const paths: string[] = [];
  for (const [, element, attributes = ''] of svg.matchAll(/<(path|polygon|polyline)\b([^>]*)>/g)) {
    if (element === 'path') {
      // pdf-lib's path parser only separates on spaces and commas, not on line breaks.
      const data = (attribute(attributes, 'd') ?? '').replace(/\s+/g, ' ').trim();
      if (/[Mm]\s*[-+.\d]/.test(data)) paths.push(data);
    } else {
      const numbers = (attribute(attributes, 'points') ?? '').trim().split(/[\s,]+/);
      if (numbers.length >= 4) {
        const points = [];
        for (let index = 0; index + 1 < numbers.length; index += 2) {
          points.push(`${numbers[index] ?? ''},${numbers[index + 1] ?? ''}`);
        }
        paths.push(`M ${points.join(' L ')}${element === 'polygon' ? ' Z' : ''}`);
      }
    }
  }
  return paths;
}

/**
 * Switches drawSvgPath's fill to the even-odd rule, which pdf-lib has no option for: OpenSCAD's
 * outlines of one shape are a single path, and its holes must stay empty.
 */
function evenOdd(operators: PDFOperator[]): PDFOperator[] {
  const nonZero = fillAndStroke().toString();
  const paint = operators.findIndex((operator) => operator.toString() === nonZero);
  if (paint === -1) throw new Error('pdf-lib drawSvgPath no longer fills and strokes with "B"');
  return operators.with(paint, PDFOperator.of(PDFOperatorNames.FillEvenOddAndStroke));
}

function attribute(attributes: string, name: string): string | undefined {
  const match = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attributes);
  return match === null ? undefined : (match[1] ?? match[2]);
}

function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}
