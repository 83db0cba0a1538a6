import { lexOpenScad } from '../../discovery/lex-openscad.js';

/** OpenSCAD's built-ins that need fonts: the `text()` module and 2025's metrics functions. */
const fontFunctions = new Set(['text', 'textmetrics', 'fontmetrics']);

const quickCheck = /\b(?:text|textmetrics|fontmetrics)\s*\(/;

/**
 * Whether OpenSCAD source calls `text()`, `textmetrics()` or `fontmetrics()` outside comments and
 * strings, so that the WASM engine gives fonts only to the parts that may draw text. Most files
 * never name these, and are passed over with one regular expression before anything is tokenized.
 * A user's own module or function of the same name counts too: it only costs loading the fonts.
 */
export function callsFontFunctions(source: string): boolean {
  if (!quickCheck.test(source)) return false;
  const tokens = lexOpenScad(source).filter(
    (token) => token.kind !== 'line-comment' && token.kind !== 'block-comment',
  );
  return tokens.some(
    (token, index) =>
      token.kind === 'identifier' &&
      fontFunctions.has(token.text) &&
      tokens[index + 1]?.kind === 'punct' &&
      tokens[index + 1]?.text === '(',
  );
}
