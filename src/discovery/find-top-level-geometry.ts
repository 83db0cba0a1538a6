import type { SourceLocation } from '../diagnostics/diagnostic.js';
import { lexOpenScad } from './lex-openscad.js';
import type { Token } from './lex-openscad.js';

/** The guard forms classic projects wrap their demo geometry in, as they are written. */
export type GuardForm =
  'if (is_undef(batch_rendering))' | 'if (!batch_rendering)' | 'if (batch_rendering == "")';

/** What one file runs at its top level when it is included, found without running OpenSCAD. */
export interface TopLevelGeometry {
  /** Module instantiations at the top level outside a `batch_rendering` guard, in source order. */
  readonly unguarded: readonly { readonly module: string; readonly at: SourceLocation }[];
  /** Paths of the file's `include <…>` statements, as written, with where they are. */
  readonly includes: readonly { readonly path: string; readonly at: SourceLocation }[];
  /** The guard this file's own style suggests: the form of its `batch_rendering` default. */
  readonly guard: GuardForm;
}

/** Statements that create no geometry at the top level. */
const harmless = new Set(['echo', 'assert']);

/**
 * The module instantiations a file runs at its top level outside a guard — the geometry that
 * `include <file>` adds to every part of a generated program. Recognised guards are an `if`
 * whose condition (or one of whose `&&` terms) is false once the program sets
 * `batch_rendering = true`: `is_undef(batch_rendering)`, `!batch_rendering` (with
 * `batch_rendering = false;`), `batch_rendering == ""` (with `batch_rendering = "";`) and
 * `batch_rendering == false`; their `else` branch is not guarded. Top-level assignments,
 * `module`/`function` definitions, `include`/`use`, `echo(…);` and `assert(…);`, and
 * instantiations disabled with `*` create nothing and are ignored.
 */
export function findTopLevelGeometry(
  source: string,
  file: string,
  /** The source's tokens, when lexed already. */
  lexed: readonly Token[] = lexOpenScad(source),
): TopLevelGeometry {
  const tokens = lexed.filter(
    (token) => token.kind !== 'line-comment' && token.kind !== 'block-comment',
  );
  const unguarded: { module: string; at: SourceLocation }[] = [];
  const includes: { path: string; at: SourceLocation }[] = [];
  let guard: GuardForm = 'if (is_undef(batch_rendering))';
  const at = (token: Token): SourceLocation => ({ file, line: token.line, column: token.column });

  /** Reads statements from `index` until `end` (exclusive); returns the index after the last. */
  const statements = (from: number, end: number): void => {
    let index = from;
    while (index < end) index = statement(index, end);
  };

  /** Reads one statement at `index`; returns the index just after it. */
  const statement = (index: number, end: number): number => {
    const token = tokens[index];
    if (token === undefined) return end;
    if (isPunct(token, ';')) return index + 1;
    if (isPunct(token, '{')) {
      const close = matching(tokens, index);
      statements(index + 1, Math.min(close, end));
      return close + 1;
    }
    if (isPunct(token, '*')) return skipStatement(tokens, index + 1, end);
    if (token.kind === 'punct' && '!#%'.includes(token.text)) return statement(index + 1, end);
    if (token.kind === 'identifier' && (token.text === 'include' || token.text === 'use')) {
      const path = tokens[index + 1];
      if (path?.kind === 'include-path' && token.text === 'include') {
        includes.push({ path: path.text, at: at(token) });
      }
      return path?.kind === 'include-path' ? index + 2 : index + 1;
    }
    if (token.kind !== 'identifier') return skipStatement(tokens, index, end);
    const next = tokens[index + 1];
    if (token.text === 'module') {
      // module NAME(…) statement
      const open = index + 2;
      const close = isPunct(tokens[open], '(') ? matching(tokens, open) : open - 1;
      return skipStatement(tokens, close + 1, end);
    }
    if (token.text === 'function') return statementEnd(tokens, index, end);
    if (isPunct(next, '=') && !isPunct(tokens[index + 2], '=')) {
      if (token.text === 'batch_rendering') guard = guardOfDefault(tokens[index + 2]) ?? guard;
      return statementEnd(tokens, index, end);
    }
    if (token.text === 'if' && isPunct(next, '(')) {
      const close = matching(tokens, index + 1);
      const guarded = isGuard(tokens.slice(index + 2, close));
      const afterThen = guarded
        ? skipStatement(tokens, close + 1, end, false)
        : statement(close + 1, end);
      const elseToken = tokens[afterThen];
      if (elseToken?.kind === 'identifier' && elseToken.text === 'else') {
        return statement(afterThen + 1, end);
      }
      return afterThen;
    }
    if (harmless.has(token.text) && isPunct(next, '(')) {
      const close = matching(tokens, index + 1);
      // `echo(…);` makes nothing; `assert(…) cube();` still makes its child.
      return statement(close + 1, end);
    }
    unguarded.push({ module: token.text, at: at(token) });
    return skipStatement(tokens, index, end);
  };

  statements(0, tokens.length);
  return { unguarded, includes, guard };
}

/** Whether an `if` condition is false once `batch_rendering = true` (any `&&` term suffices). */
function isGuard(condition: readonly Token[]): boolean {
  const terms: Token[][] = [[]];
  let depth = 0;
  for (let index = 0; index < condition.length; index++) {
    const token = condition[index];
    if (token === undefined) break;
    if (token.kind === 'punct' && '([{'.includes(token.text)) depth++;
    if (token.kind === 'punct' && ')]}'.includes(token.text)) depth--;
    if (depth === 0 && isPunct(token, '&') && isPunct(condition[index + 1], '&')) {
      terms.push([]);
      index++;
      continue;
    }
    terms.at(-1)?.push(token);
  }
  return terms.some((term) => isGuardTerm(unwrap(term)));
}

function isGuardTerm(term: readonly Token[]): boolean {
  const text = term
    .map((token) => (token.kind === 'string' ? JSON.stringify(token.text) : token.text))
    .join('');
  return [
    'is_undef(batch_rendering)',
    '!batch_rendering',
    'batch_rendering==""',
    '""==batch_rendering',
    'batch_rendering==false',
    'false==batch_rendering',
    'batch_rendering!=true',
    '!is_def(batch_rendering)',
  ].includes(text);
}

/** A term without the parentheses around it. */
function unwrap(term: readonly Token[]): readonly Token[] {
  let inner = term;
  while (inner.length >= 2 && isPunct(inner[0], '(') && matching(inner, 0) === inner.length - 1) {
    inner = inner.slice(1, -1);
  }
  return inner;
}

function guardOfDefault(value: Token | undefined): GuardForm | undefined {
  if (value?.kind === 'string' && value.text === '') return 'if (batch_rendering == "")';
  if (value?.kind === 'identifier' && value.text === 'false') return 'if (!batch_rendering)';
  return undefined;
}

/** Index of the bracket closing the one at `open` (or the last index when it is never closed). */
function matching(tokens: readonly Token[], open: number): number {
  let depth = 0;
  for (let index = open; index < tokens.length; index++) {
    const token = tokens[index];
    if (token?.kind !== 'punct') continue;
    if ('([{'.includes(token.text)) depth++;
    else if (')]}'.includes(token.text)) depth--;
    if (depth === 0) return index;
  }
  return tokens.length - 1;
}

/** Index after the `;` ending a simple statement (an assignment, a function definition). */
function statementEnd(tokens: readonly Token[], from: number, end: number): number {
  let depth = 0;
  for (let index = from; index < end; index++) {
    const token = tokens[index];
    if (token?.kind !== 'punct') continue;
    if ('([{'.includes(token.text)) depth++;
    else if (')]}'.includes(token.text)) depth--;
    else if (token.text === ';' && depth <= 0) return index + 1;
    if (depth < 0) return index;
  }
  return end;
}

/**
 * Index after one module instantiation or control statement with its children: calls and
 * bracketed parts are skipped whole, and it ends at a `;` or after a `{ … }` block at its level.
 */
function skipStatement(
  tokens: readonly Token[],
  from: number,
  end: number,
  withElse = true,
): number {
  for (let index = from; index < end; index++) {
    const token = tokens[index];
    if (token?.kind !== 'punct') continue;
    if (token.text === ';') return index + 1;
    if (token.text === '{') {
      const close = matching(tokens, index);
      const after = tokens[close + 1];
      // `if (…) { … } else …` continues after the block.
      if (withElse && after?.kind === 'identifier' && after.text === 'else') {
        index = close + 1;
        continue;
      }
      return close + 1;
    }
    if (token.text === '(' || token.text === '[') index = matching(tokens, index);
  }
  return end;
}

function isPunct(token: Token | undefined, text: string): boolean {
  return token?.kind === 'punct' && token.text === text;
}
