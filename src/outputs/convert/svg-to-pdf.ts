import { Buffer } from 'node:buffer';
import {
  PDFDocument,
  PDFOperator,
  PDFOperatorNames,
  closePath,
  concatTransformationMatrix,
  grayscale,
  lineTo,
  moveTo,
  popGraphicsState,
  pushGraphicsState,
  setFillingColor,
  setLineWidth,
  setStrokingColor,
} from 'pdf-lib';
import { readSvg, type SvgDrawing } from '../../formats/read-svg.js';
import { UnreadableOutputError } from '../../formats/unreadable-output-error.js';

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
 * The outlines are read by the same SVG reader that validates and measures outputs: lines in
 * every form SVG has, but no curves and no transforms (OpenSCAD writes neither), which are refused
 * rather than drawn wrong.
 *
 * @throws {Error} when the text has no `<svg>` element, no size, a curve or a `transform`, or
 *   nothing drawable.
 */
export async function svgToPdf(
  svg: string | Uint8Array,
  options: SvgToPdfOptions = {},
): Promise<Uint8Array> {
  const marginMm = options.marginMm ?? 10;
  if (!Number.isFinite(marginMm) || marginMm < 0) {
    throw new RangeError(`marginMm must be a number of millimetres ≥ 0, got ${marginMm}`);
  }
  let drawing: SvgDrawing;
  try {
    // Measuring and converting read the same outlines, with the same reader.
    drawing = readSvg(typeof svg === 'string' ? Buffer.from(svg, 'utf8') : svg);
  } catch (error) {
    if (!(error instanceof UnreadableOutputError)) throw error;
    const reason = error.message.startsWith('not an SVG file')
      ? 'there is no <svg> element'
      : error.message.startsWith('SVG with no path')
        ? 'the SVG has no path, polygon or polyline to draw'
        : error.message;
    throw new Error(`Cannot convert SVG to PDF: ${reason}`, { cause: error });
  }
  const frame = drawingFrame(drawing.root);

  const document = await PDFDocument.create({ updateMetadata: false });
  document.setCreator('parascad');
  document.setProducer('pdf-lib');
  if (drawing.title !== undefined) document.setTitle(decodeEntities(drawing.title));

  const marginPt = marginMm * pointsPerMm;
  const scaleX = frame.mmPerUnitX * pointsPerMm;
  const scaleY = frame.mmPerUnitY * pointsPerMm;
  const page = document.addPage([
    frame.viewBox.width * scaleX + 2 * marginPt,
    frame.viewBox.height * scaleY + 2 * marginPt,
  ]);
  // The reader gives model coordinates: SVG's x, and SVG's y negated (y up). This maps them onto
  // the page inside the margin, where the top of the viewBox is the top of the drawing.
  const toPage = concatTransformationMatrix(
    scaleX,
    0,
    0,
    scaleY,
    marginPt - frame.viewBox.x * scaleX,
    marginPt + (frame.viewBox.y + frame.viewBox.height) * scaleY,
  );
  const lineWidth = strokeWidthPt / Math.sqrt(scaleX * scaleY);
  let next = 0;
  for (const count of drawing.shapes) {
    const operators = [
      pushGraphicsState(),
      toPage,
      setFillingColor(fillColor),
      setStrokingColor(strokeColor),
      setLineWidth(lineWidth),
    ];
    for (const ring of drawing.contours.slice(next, next + count)) {
      for (let at = 0; at + 1 < ring.length; at += 2) {
        const x = ring[at] ?? 0;
        const y = ring[at + 1] ?? 0;
        operators.push(at === 0 ? moveTo(x, y) : lineTo(x, y));
      }
      operators.push(closePath());
    }
    // Even-odd, so that OpenSCAD's holes, drawn in the same path as their outline, stay holes.
    operators.push(PDFOperator.of(PDFOperatorNames.FillEvenOddAndStroke), popGraphicsState());
    page.pushOperators(...operators);
    next += count;
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
function drawingFrame(root: SvgDrawing['root']): DrawingFrame {
  const width = svgLengthMm(root.width);
  const height = svgLengthMm(root.height);
  const viewBoxText = root.viewBox;
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

function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}
