const lineFeed = 0x0a;
const carriageReturn = 0x0d;
const space = 0x20;
const tab = 0x09;
const plus = 0x2b;
const minus = 0x2d;
const dot = 0x2e;
const zero = 0x30;
const nine = 0x39;
const lowerE = 0x65;
const upperE = 0x45;

/** 10^0 … 10^22: the powers of ten a double holds exactly. */
const exactPowersOfTen = Array.from({ length: 23 }, (_, power) => Number(`1e${power}`));

/**
 * A position in a text that moves over blanks, lines and decimal numbers without cutting the text
 * into lines or tokens, so that reading files of tens of megabytes allocates next to nothing.
 *
 * Numbers with at most 15 significant digits and a small exponent (every number OpenSCAD 2021
 * writes) are converted from their digits directly, with the correctly rounded result
 * `Number()` would give; longer ones (OpenSCAD 2025 writes 17 digits) go through `Number()`.
 */
export class TextCursor {
  /** The index of the next character to read. */
  position = 0;

  constructor(readonly text: string) {}

  /** Whether every character has been read. */
  get atEnd(): boolean {
    return this.position >= this.text.length;
  }

  /** Moves past spaces, tabs and line ends. */
  skipWhitespace(): void {
    const { text } = this;
    let at = this.position;
    for (let code = text.charCodeAt(at); isWhitespace(code); code = text.charCodeAt(at)) at += 1;
    this.position = at;
  }

  /** Moves past spaces, tabs and carriage returns, stopping at a line feed. */
  skipBlanks(): void {
    const { text } = this;
    let at = this.position;
    for (let code = text.charCodeAt(at); isBlank(code); code = text.charCodeAt(at)) at += 1;
    this.position = at;
  }

  /** Moves to the start of the next line, or to the end of the text. */
  skipLine(): void {
    const end = this.text.indexOf('\n', this.position);
    this.position = end === -1 ? this.text.length : end + 1;
  }

  /** Whether only blanks are left before the end of the line (or of the text). */
  atLineEnd(): boolean {
    this.skipBlanks();
    return this.atEnd || this.text.charCodeAt(this.position) === lineFeed;
  }

  /**
   * Reads the decimal number at the cursor (`-12`, `3.5`, `.5`, `1e-07`, `2.5E+21`) and moves past
   * it. Returns NaN and leaves the cursor where it was when no number starts there.
   */
  number(): number {
    const { text } = this;
    const start = this.position;
    let at = start;
    let code = text.charCodeAt(at);
    const negative = code === minus;
    if (negative || code === plus) code = text.charCodeAt((at += 1));

    let mantissa = 0;
    let significant = 0;
    let digits = 0;
    for (; code >= zero && code <= nine; code = text.charCodeAt((at += 1))) {
      if (significant > 0 || code !== zero) significant += 1;
      mantissa = mantissa * 10 + (code - zero);
      digits += 1;
    }
    let scale = 0;
    if (code === dot) {
      for (code = text.charCodeAt((at += 1)); code >= zero && code <= nine;) {
        if (significant > 0 || code !== zero) significant += 1;
        mantissa = mantissa * 10 + (code - zero);
        digits += 1;
        scale -= 1;
        code = text.charCodeAt((at += 1));
      }
    }
    if (digits === 0) return Number.NaN;

    if (code === lowerE || code === upperE) {
      let exponentAt = at + 1;
      let exponentCode = text.charCodeAt(exponentAt);
      const negativeExponent = exponentCode === minus;
      if (negativeExponent || exponentCode === plus) exponentCode = text.charCodeAt(++exponentAt);
      let exponent = 0;
      let exponentDigits = 0;
      for (; exponentCode >= zero && exponentCode <= nine; exponentDigits += 1) {
        exponent = Math.min(exponent * 10 + (exponentCode - zero), 100_000);
        exponentCode = text.charCodeAt(++exponentAt);
      }
      // "2e" or "2e+" is the number 2 followed by something else, as for Number.parseFloat.
      if (exponentDigits > 0) {
        at = exponentAt;
        scale += negativeExponent ? -exponent : exponent;
      }
    }
    this.position = at;

    if (significant <= 15 && scale >= -22 && scale <= 22) {
      // Both operands are exact, so one IEEE operation rounds the decimal value correctly.
      const magnitude =
        scale >= 0
          ? mantissa * (exactPowersOfTen[scale] ?? 1)
          : mantissa / (exactPowersOfTen[-scale] ?? 1);
      return negative ? -magnitude : magnitude;
    }
    return Number(text.slice(start, at));
  }

  /** The 1-based line number of the cursor, for messages. */
  lineNumber(): number {
    let line = 1;
    for (let at = this.text.indexOf('\n'); at !== -1 && at < this.position; line += 1) {
      at = this.text.indexOf('\n', at + 1);
    }
    return line;
  }
}

function isBlank(code: number): boolean {
  return code === space || code === tab || code === carriageReturn;
}

function isWhitespace(code: number): boolean {
  return code === space || code === lineFeed || code === tab || code === carriageReturn;
}
