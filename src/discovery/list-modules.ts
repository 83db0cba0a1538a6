import type { SourceLocation } from '../diagnostics/diagnostic.js';
import { lexOpenScad } from './lex-openscad.js';
import type { Token } from './lex-openscad.js';

/** One `module NAME(…)` declaration found in a scad file. */
export interface ModuleDeclaration {
  readonly name: string;
  /** Where the `module` keyword is. */
  readonly location: SourceLocation;
  /** Offset of the `module` keyword in the source. */
  readonly start: number;
  /**
   * The first token of the module's body: `{`, `;`, or the first token of a single-statement
   * body. The header is everything from the `module` keyword up to it. Undefined when the file
   * ends before the body.
   */
  readonly body: Token | undefined;
  /**
   * False when the declaration sits inside braces (another module, an `if` block, …): OpenSCAD
   * scopes such a module to its block, so it cannot be called from the top level of the file.
   */
  readonly topLevel: boolean;
  /** The parameters in the header, in order, and whether each has a default (`h = 2`). */
  readonly parameters: readonly ModuleParameter[];
}

/** One parameter of a module's header. */
export interface ModuleParameter {
  readonly name: string;
  readonly location: SourceLocation;
  /** False for `w` in `module box(w, h = 2)`: a call that passes nothing leaves it `undef`. */
  readonly hasDefault: boolean;
}

/**
 * Every `module NAME(` declaration in OpenSCAD source, top-level and nested alike (see
 * `topLevel`), in source order. Built on the lexer, so modules in comments or strings are not
 * listed. Pass `tokens` when the source is already lexed, to avoid lexing it twice.
 */
export function listModules(
  source: string,
  file: string,
  tokens: readonly Token[] = lexOpenScad(source),
): ModuleDeclaration[] {
  const modules: ModuleDeclaration[] = [];
  let depth = 0;
  for (const [index, token] of tokens.entries()) {
    if (token.kind === 'punct') {
      if (token.text === '{') depth++;
      else if (token.text === '}') depth = Math.max(0, depth - 1);
      continue;
    }
    if (token.kind !== 'identifier' || token.text !== 'module') continue;
    const nameIndex = nextCodeToken(tokens, index + 1);
    const name = tokens[nameIndex];
    const openIndex = nextCodeToken(tokens, nameIndex + 1);
    if (name?.kind !== 'identifier' || !isPunct(tokens[openIndex], '(')) continue;
    const closeIndex = matchingParenthesis(tokens, openIndex);
    modules.push({
      name: name.text,
      location: { file, line: token.line, column: token.column },
      start: token.start,
      body: tokens[nextCodeToken(tokens, closeIndex + 1)],
      topLevel: depth === 0,
      parameters: parametersOf(tokens, openIndex, closeIndex, file),
    });
  }
  return modules;
}

/** The parameters between the header's `(` at `openIndex` and its `)` at `closeIndex`. */
function parametersOf(
  tokens: readonly Token[],
  openIndex: number,
  closeIndex: number,
  file: string,
): ModuleParameter[] {
  const parameters: ModuleParameter[] = [];
  let depth = 0;
  let current: { name: Token; hasDefault: boolean } | undefined;
  let expectName = true;
  for (let index = openIndex + 1; index < closeIndex; index++) {
    const token = tokens[index];
    if (token === undefined || token.kind === 'line-comment' || token.kind === 'block-comment')
      continue;
    if (token.kind === 'punct' && '([{'.includes(token.text)) depth++;
    else if (token.kind === 'punct' && ')]}'.includes(token.text)) depth--;
    else if (depth === 0 && isPunct(token, ',')) {
      if (current !== undefined) parameters.push(parameter(current, file));
      current = undefined;
      expectName = true;
    } else if (depth === 0 && isPunct(token, '=') && current !== undefined) {
      current.hasDefault = true;
    } else if (expectName && token.kind === 'identifier') {
      current = { name: token, hasDefault: false };
      expectName = false;
    }
  }
  if (current !== undefined) parameters.push(parameter(current, file));
  return parameters;
}

function parameter(found: { name: Token; hasDefault: boolean }, file: string): ModuleParameter {
  return {
    name: found.name.text,
    location: { file, line: found.name.line, column: found.name.column },
    hasDefault: found.hasDefault,
  };
}

/** Index of the first token at or after `from` that is not a comment (`tokens.length` if none). */
function nextCodeToken(tokens: readonly Token[], from: number): number {
  let index = from;
  while (index < tokens.length) {
    const kind = tokens[index]?.kind;
    if (kind !== 'line-comment' && kind !== 'block-comment') break;
    index++;
  }
  return index;
}

/** Index of the `)` closing the `(` at `openIndex` (`tokens.length` if the file ends first). */
function matchingParenthesis(tokens: readonly Token[], openIndex: number): number {
  let depth = 0;
  for (let index = openIndex; index < tokens.length; index++) {
    const token = tokens[index];
    if (isPunct(token, '(')) depth++;
    else if (isPunct(token, ')') && --depth === 0) return index;
  }
  return tokens.length;
}

function isPunct(token: Token | undefined, text: string): boolean {
  return token?.kind === 'punct' && token.text === text;
}
