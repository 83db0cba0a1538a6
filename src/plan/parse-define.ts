import { variableNamePattern } from '../config/openscad-names.js';
import { lexOpenScad } from '../discovery/lex-openscad.js';
import type { Token } from '../discovery/lex-openscad.js';

/** A `-D name=value` definition: the variable and its value as one OpenSCAD expression. */
export interface Define {
  readonly name: string;
  /** The value as written, trimmed: OpenSCAD source. */
  readonly source: string;
}

/** Why a `-D` text is refused, and the 1-based column in it that the reason is about. */
export interface DefineProblem {
  readonly message: string;
  readonly column: number;
}

/** Words that start a statement, never an expression. */
const statementWords = new Set(['module', 'include', 'use']);

/** Words after which an operand may directly follow (`each x`, `else y`, `let (…) z`). */
const expressionWords = new Set(['each', 'else', 'let', 'for', 'if', 'function', 'assert', 'echo']);

/**
 * Reads `name=value` as OpenSCAD's `-D` takes it: a variable name, `=`, and one OpenSCAD
 * expression (`size=30`, `label="big"`, `v=[1, 2]`, `f=function(x) x * 2`). Since OpenSCAD
 * appends `name=value;` to the program, a value that is not one expression could add
 * statements; so this refuses, at the column of the offending text, a `;`, braces, comments,
 * `include`/`use`/`module`, an unterminated string, unbalanced brackets, and two operands in a
 * row (`1 cube(2)`). It does not evaluate the value: OpenSCAD reports its own errors.
 */
export function parseDefine(text: string): Define | DefineProblem {
  const equals = text.indexOf('=');
  if (equals === -1) {
    return { message: 'expected name=value, such as size=30 or label="big"', column: 1 };
  }
  const name = text.slice(0, equals).trim();
  if (!variableNamePattern.test(name)) {
    return {
      message: `${JSON.stringify(name)} is not an OpenSCAD variable name`,
      column: 1 + text.indexOf(name === '' ? '=' : name),
    };
  }
  const value = text.slice(equals + 1);
  const offset = equals + 1;
  const at = (token: Token): number => offset + token.start + 1;
  const tokens = lexOpenScad(value);
  if (tokens.length === 0) {
    return { message: 'the value is empty: give one OpenSCAD expression', column: offset + 1 };
  }
  const open: Token[] = [];
  let previous: Token | undefined;
  for (const token of tokens) {
    if (token.kind === 'line-comment' || token.kind === 'block-comment') {
      return { message: 'a comment is not part of a value', column: at(token) };
    }
    if (
      token.kind === 'include-path' ||
      (token.kind === 'identifier' && statementWords.has(token.text))
    ) {
      return { message: `${token.text} starts a statement, not a value`, column: at(token) };
    }
    if (token.kind === 'string' && !closedString(value, token)) {
      return { message: 'the string is not closed', column: at(token) };
    }
    if (token.kind === 'punct') {
      if (token.text === ';') {
        return {
          message: '";" would end the definition and start another statement',
          column: at(token),
        };
      }
      if (token.text === '{' || token.text === '}') {
        return { message: `"${token.text}" is not part of an expression`, column: at(token) };
      }
      if ('(['.includes(token.text)) open.push(token);
      if (')]'.includes(token.text)) {
        const opener = open.pop();
        if (opener === undefined || (opener.text === '(') !== (token.text === ')')) {
          return { message: `"${token.text}" closes nothing`, column: at(token) };
        }
      }
    }
    if (previous !== undefined && endsOperand(previous) && startsOperand(token)) {
      return {
        message: 'two values in a row: -D takes one OpenSCAD expression',
        column: at(token),
      };
    }
    previous = token;
  }
  const unclosed = open.at(-1);
  if (unclosed !== undefined) {
    return { message: `"${unclosed.text}" is never closed`, column: at(unclosed) };
  }
  return { name, source: value.trim() };
}

function closedString(source: string, token: Token): boolean {
  return token.end - token.start >= 2 && source[token.end - 1] === '"';
}

function endsOperand(token: Token): boolean {
  if (token.kind === 'identifier') return !expressionWords.has(token.text);
  return (
    token.kind === 'number' ||
    token.kind === 'string' ||
    (token.kind === 'punct' && token.text === ']')
  );
}

function startsOperand(token: Token): boolean {
  if (token.kind === 'identifier') return token.text !== 'else';
  return token.kind === 'number' || token.kind === 'string';
}

/** The text with a marker under `column`, for a message about a `-D` value. */
export function markDefine(text: string, problem: DefineProblem): string {
  return `-D ${text}: ${problem.message}\n   ${text}\n   ${' '.repeat(problem.column - 1)}^`;
}
