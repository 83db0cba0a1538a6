/**
 * A small tokenizer for OpenSCAD source: just enough to find module declarations, `//render.*`
 * markers and `include`/`use`/`import()` statements without being fooled by comments or strings.
 */

export type TokenKind =
  'identifier' | 'number' | 'string' | 'line-comment' | 'block-comment' | 'punct' | 'include-path';

export interface Token {
  readonly kind: TokenKind;
  /**
   * The token's text as written. For `string` it is the decoded value without quotes; for
   * `include-path` the text between `<` and `>`; for comments the text after `//` or between `/*` and `*\/`.
   */
  readonly text: string;
  /** 1-based line and column of the token's first character. */
  readonly line: number;
  readonly column: number;
  /** Offset of the first character and the offset just past the last, in the source. */
  readonly start: number;
  readonly end: number;
}

const escapes: Readonly<Record<string, string>> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '"': '"',
  '\\': '\\',
};

const numberPattern = /(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;

/** `$`, `_` and ASCII letters start an identifier. */
function isWordStart(code: number): boolean {
  return code === 36 || code === 95 || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** …which goes on with digits too. */
function isWordPart(code: number): boolean {
  return isWordStart(code) || (code >= 48 && code <= 57);
}

/** Splits OpenSCAD source into tokens. Never throws: unterminated strings or comments end at EOF. */
export function lexOpenScad(source: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  let line = 1;
  let lineStart = 0;
  // `include <…>` / `use <…>` paths are not expressions: `<` after those keywords starts a path.
  let previousWord: string | undefined;

  const advanceTo = (target: number): void => {
    for (; index < target; index++) {
      if (source.charCodeAt(index) === 10) {
        line++;
        lineStart = index + 1;
      }
    }
  };
  const push = (
    kind: TokenKind,
    text: string,
    start: number,
    startLine: number,
    startColumn: number,
  ): void => {
    tokens.push({ kind, text, line: startLine, column: startColumn, start, end: index });
  };

  while (index < source.length) {
    const char = source[index] ?? '';
    const start = index;
    const startLine = line;
    const startColumn = index - lineStart + 1;

    const code = source.charCodeAt(index);
    if (
      code === 32 ||
      code === 10 ||
      code === 9 ||
      code === 13 ||
      (code > 127 && /\s/.test(char))
    ) {
      advanceTo(index + 1);
      continue;
    }
    if (char === '/' && source[index + 1] === '/') {
      const newline = source.indexOf('\n', index);
      const stop = newline === -1 ? source.length : newline;
      const text = source.slice(index + 2, stop).replace(/\r$/, '');
      advanceTo(stop);
      push('line-comment', text, start, startLine, startColumn);
      continue;
    }
    if (char === '/' && source[index + 1] === '*') {
      const close = source.indexOf('*/', index + 2);
      const stop = close === -1 ? source.length : close + 2;
      const text = source.slice(index + 2, close === -1 ? source.length : close);
      advanceTo(stop);
      push('block-comment', text, start, startLine, startColumn);
      continue;
    }
    if (char === '"') {
      let value = '';
      let cursor = index + 1;
      while (cursor < source.length && source[cursor] !== '"') {
        const current = source[cursor] ?? '';
        if (current === '\\' && cursor + 1 < source.length) {
          const next = source[cursor + 1] ?? '';
          value += escapes[next] ?? `\\${next}`;
          cursor += 2;
        } else {
          value += current;
          cursor++;
        }
      }
      advanceTo(Math.min(cursor + 1, source.length));
      push('string', value, start, startLine, startColumn);
      previousWord = undefined;
      continue;
    }
    if (char === '<' && (previousWord === 'include' || previousWord === 'use')) {
      const close = source.indexOf('>', index);
      const newline = source.indexOf('\n', index);
      if (close !== -1 && (newline === -1 || close < newline)) {
        const text = source.slice(index + 1, close);
        advanceTo(close + 1);
        push('include-path', text, start, startLine, startColumn);
        previousWord = undefined;
        continue;
      }
    }
    // Scanned by character code, not by a regular expression on a slice: a large project's
    // files hold hundreds of thousands of tokens, and each match array was garbage.
    if (isWordStart(code)) {
      let stop = index + 1;
      while (stop < source.length && isWordPart(source.charCodeAt(stop))) stop++;
      const text = source.slice(index, stop);
      index = stop;
      push('identifier', text, start, startLine, startColumn);
      previousWord = text;
      continue;
    }
    numberPattern.lastIndex = index;
    const number = numberPattern.exec(source);
    if (number) {
      advanceTo(index + number[0].length);
      push('number', number[0], start, startLine, startColumn);
      previousWord = undefined;
      continue;
    }
    advanceTo(index + 1);
    push('punct', char, start, startLine, startColumn);
    previousWord = undefined;
  }
  return tokens;
}
