import type { ConfigLocation, ParamValue } from '../config/project-config.js';
import { lexOpenScad } from '../discovery/lex-openscad.js';
import type { Token } from '../discovery/lex-openscad.js';
import { parseScadLiteral } from './parse-scad-literal.js';

/** One `name = value;` statement at the top level of a scad file. */
export interface TopLevelAssignment {
  readonly name: string;
  /** Where the variable's name is written. */
  readonly at: ConfigLocation;
  /** The value's source text as written, comments included. */
  readonly source: string;
  /** The value when the source is a plain literal (see `parseScadLiteral`); undefined otherwise. */
  readonly literal?: { readonly value: ParamValue };
}

/**
 * The assignments at the top level of a scad file — outside any module, function, block,
 * parentheses or brackets — in source order. A variable assigned twice appears twice; in
 * OpenSCAD the last assignment's value is the one the file runs with. Assignments brought in by
 * `include <…>` are not read.
 */
export function topLevelAssignments(
  source: string,
  file: string,
  /** The source's tokens, when lexed already. */
  lexed: readonly Token[] = lexOpenScad(source),
): TopLevelAssignment[] {
  const tokens = lexed.filter(
    (token) => token.kind !== 'line-comment' && token.kind !== 'block-comment',
  );
  const assignments: TopLevelAssignment[] = [];
  let depth = 0;
  let statementStart = true;
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index];
    if (token === undefined) break;
    const startsStatement = statementStart && depth === 0;
    statementStart = false;
    if (token.kind === 'punct') {
      if ('([{'.includes(token.text)) depth++;
      else if (')]}'.includes(token.text)) depth = Math.max(0, depth - 1);
      statementStart = depth === 0 && (token.text === ';' || token.text === '}');
      continue;
    }
    if (token.kind === 'include-path') {
      statementStart = depth === 0;
      continue;
    }
    if (!startsStatement || token.kind !== 'identifier') continue;
    const equals = tokens[index + 1];
    if (!isPunct(equals, '=') || isPunct(tokens[index + 2], '=')) continue;
    const end = statementEnd(tokens, index + 2);
    const first = tokens[index + 2];
    const last = tokens[end - 1];
    const text =
      first === undefined || last === undefined || end <= index + 2
        ? ''
        : source.slice(first.start, last.end);
    const literal = parseScadLiteral(text);
    assignments.push({
      name: token.text,
      at: { file, line: token.line, column: token.column, length: token.text.length },
      source: text,
      ...(literal === undefined ? {} : { literal: { value: literal } }),
    });
    // Resume at the `;`, which starts the next statement.
    index = end - 1;
  }
  return assignments;
}

/** Index of the `;` ending the statement whose value starts at `from` (or `tokens.length`). */
function statementEnd(tokens: readonly Token[], from: number): number {
  let depth = 0;
  for (let index = from; index < tokens.length; index++) {
    const token = tokens[index];
    if (token?.kind !== 'punct') continue;
    if ('([{'.includes(token.text)) depth++;
    else if (')]}'.includes(token.text)) depth--;
    else if (token.text === ';' && depth <= 0) return index;
    if (depth < 0) return index;
  }
  return tokens.length;
}

function isPunct(token: Token | undefined, text: string): boolean {
  return token?.kind === 'punct' && token.text === text;
}
