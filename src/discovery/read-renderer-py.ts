import { basename } from 'node:path';
import type { ConfigProblem } from '../errors.js';
import { findExportFormat } from '../plan/export-formats.js';
import { didYouMean } from '../util/did-you-mean.js';
import { unknownSuffixProblem } from './scan-annotations.js';

type ProblemLocation = NonNullable<ConfigProblem['location']>;

/** One entry of a classic `renderer.py`'s `models` list. */
export interface RendererPyModel {
  readonly module: string;
  /** Lower-case export suffix. */
  readonly suffix: string;
  /** The entry's `{`. */
  readonly at: ProblemLocation;
  /** The entry's module name. */
  readonly moduleAt: ProblemLocation;
}

/** What a classic `renderer.py` says, read without running it. */
export type RendererPy =
  /** No top-level `models = …`, or an empty list: the newer generation, whose parts are elsewhere. */
  | { readonly kind: 'none' }
  | {
      readonly kind: 'models';
      readonly models: readonly RendererPyModel[];
      /** `number_of_threads = N`; `cpus` for any other expression (`multiprocessing.cpu_count()`). */
      readonly threads?: number | 'cpus';
      /** Entries or values it cannot read: the run must not start. */
      readonly problems: readonly ConfigProblem[];
    };

interface PyToken {
  readonly kind: 'name' | 'number' | 'string' | 'punct' | 'newline' | 'end';
  readonly text: string;
  /** The string's value, for `string`. */
  readonly value?: string;
  readonly line: number;
  readonly column: number;
  readonly length: number;
}

/**
 * Reads the classic renderer's `renderer.py` as data, never executing it: its top-level
 * `models = [ {"module": "x", "suffix": "stl"}, … ]` (a list of dicts of string literals, in
 * single or double quotes, with comments and trailing commas anywhere Python allows them) and
 * `number_of_threads = N`. An entry it cannot read as such a literal is a located problem, not
 * a guess; a `models` that is not a list literal at all is one too.
 */
export function readRendererPy(source: string, file: string): RendererPy {
  const tokens = tokenizePython(source);
  const models = topLevelValue(tokens, 'models');
  if (models === undefined) return { kind: 'none' };
  const problems: ConfigProblem[] = [];
  const at = (token: PyToken): ProblemLocation => ({
    file,
    line: token.line,
    column: token.column,
    length: token.length,
  });
  const start = tokens[models];
  // A tuple iterates as the list does.
  if (start?.text !== '[' && start?.text !== '(') {
    return {
      kind: 'models',
      models: [],
      problems: [
        {
          message: `models must be a list (or tuple) literal, got "${start?.text ?? ''}"`,
          ...(start === undefined ? {} : { location: at(start) }),
          hint: 'parascad reads renderer.py without running it: write the list out, or list the parts in render_config.yml',
        },
      ],
    };
  }
  const entries = listElements(tokens, models);
  if (entries.elements.length === 0 && entries.error === undefined) return { kind: 'none' };
  const read: RendererPyModel[] = [];
  for (const element of entries.elements) {
    const entry = readEntry(tokens, element, at);
    if ('problem' in entry) problems.push(entry.problem);
    else read.push(entry.model);
  }
  if (entries.error !== undefined) {
    const closing = start.text === '(' ? ')' : ']';
    // At the end of the file there is no text to show: the bracket that is never closed is.
    problems.push(
      entries.error.kind === 'end'
        ? {
            message: `the models list is not closed: its "${start.text}" has no "${closing}" before the end of ${basename(file)}`,
            location: at(start),
            hint: `close the list with "${closing}" after the last entry`,
          }
        : {
            message: `the models list cannot be read here: "${entries.error.text}"`,
            location: at(entries.error),
            hint: `close the list with "${closing}" after the last entry`,
          },
    );
  }
  const threadsIndex = topLevelValue(tokens, 'number_of_threads');
  const threadsToken = threadsIndex === undefined ? undefined : tokens[threadsIndex];
  const threadsEnd = threadsIndex === undefined ? undefined : tokens[threadsIndex + 1];
  let threads: number | 'cpus' | undefined;
  if (threadsToken !== undefined) {
    const literal =
      threadsToken.kind === 'number' &&
      (threadsEnd?.kind === 'newline' || threadsEnd?.kind === 'end') &&
      /^[1-9]\d*$/.test(threadsToken.text);
    threads = literal ? Number(threadsToken.text) : 'cpus';
  }
  return { kind: 'models', models: read, ...(threads === undefined ? {} : { threads }), problems };
}

/** The index of the first token of `name = …`'s value at the top level (column 1), if any. */
function topLevelValue(tokens: readonly PyToken[], name: string): number | undefined {
  let found: number | undefined;
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index];
    const previous = tokens[index - 1];
    if (
      token?.kind === 'name' &&
      token.text === name &&
      token.column === 1 &&
      (previous === undefined || previous.kind === 'newline') &&
      tokens[index + 1]?.text === '=' &&
      tokens[index + 2]?.text !== '='
    ) {
      // The last assignment is the one the script runs with.
      found = index + 2;
    }
  }
  return found;
}

/**
 * The index ranges of the elements of the list or dict opening at `open`, split at its own
 * commas; `error` is the token where it ends without its closing bracket.
 */
function listElements(
  tokens: readonly PyToken[],
  open: number,
): { elements: [number, number][]; end: number; error?: PyToken } {
  const closing =
    ({ '{': '}', '(': ')' } as Record<string, string>)[tokens[open]?.text ?? ''] ?? ']';
  const elements: [number, number][] = [];
  let depth = 0;
  let start = open + 1;
  for (let index = open + 1; index < tokens.length; index++) {
    const token = tokens[index];
    if (token === undefined || token.kind === 'end') {
      if (start < index) elements.push([start, index]);
      return { elements, end: index, ...(token === undefined ? {} : { error: token }) };
    }
    if (token.kind === 'newline') continue;
    if ('([{'.includes(token.text) && token.kind === 'punct') depth++;
    else if (')]}'.includes(token.text) && token.kind === 'punct') {
      if (depth === 0) {
        if (token.text !== closing) {
          if (start < index) elements.push([start, index]);
          return { elements, end: index, error: token };
        }
        if (start < index) elements.push([start, index]);
        return { elements, end: index };
      }
      depth--;
    } else if (token.text === ',' && depth === 0) {
      elements.push([start, index]);
      start = index + 1;
    }
  }
  return { elements, end: tokens.length };
}

function readEntry(
  tokens: readonly PyToken[],
  [from, to]: [number, number],
  at: (token: PyToken) => ProblemLocation,
): { model: RendererPyModel } | { problem: ConfigProblem } {
  const code = tokens.slice(from, to).filter((token) => token.kind !== 'newline');
  const first = code[0];
  if (first === undefined) {
    return { problem: { message: 'empty models entry' } };
  }
  const cannotRead = (token: PyToken, why: string): { problem: ConfigProblem } => ({
    problem: {
      message: `models entry cannot be read: ${why}`,
      location: at(token),
      hint: 'write each entry as {"module": "name", "suffix": "stl"}: parascad reads renderer.py without running it',
    },
  });
  if (first.text !== '{' || first.kind !== 'punct') {
    return cannotRead(first, `expected a dict such as {"module": …}, found "${first.text}"`);
  }
  const openIndex = tokens.indexOf(first);
  const body = listElements(tokens, openIndex);
  const after = tokens
    .slice(body.end + 1, to)
    .find((token) => token.kind !== 'newline' && token.kind !== 'end');
  if (body.error !== undefined) return cannotRead(body.error, `unexpected "${body.error.text}"`);
  if (after !== undefined) return cannotRead(after, `unexpected "${after.text}" after the dict`);
  const values = new Map<string, { value: string; token: PyToken }>();
  for (const [start, end] of body.elements) {
    const pair = tokens.slice(start, end).filter((token) => token.kind !== 'newline');
    const [key, colon, value, extra] = pair;
    if (key === undefined) continue;
    if (key.kind !== 'string' || key.value === undefined) {
      return cannotRead(key, `a key must be a string literal, found "${key.text}"`);
    }
    if (colon?.text !== ':') return cannotRead(colon ?? key, 'expected ":" after the key');
    if (value === undefined || value.kind !== 'string' || value.value === undefined) {
      return cannotRead(
        value ?? colon,
        `the value of "${key.value}" must be a string literal, found "${value?.text ?? ''}"`,
      );
    }
    if (extra !== undefined) {
      return cannotRead(extra, `unexpected "${extra.text}" after the value of "${key.value}"`);
    }
    if (key.value !== 'module' && key.value !== 'suffix') {
      const guess = didYouMean(key.value, ['module', 'suffix']);
      return {
        problem: {
          message: `unknown key "${key.value}" in a models entry`,
          location: at(key),
          hint:
            guess === undefined ? 'an entry has "module" and "suffix"' : `did you mean ${guess}?`,
        },
      };
    }
    values.set(key.value, { value: value.value, token: value });
  }
  const module = values.get('module');
  const suffix = values.get('suffix');
  if (module === undefined || module.value === '') {
    return cannotRead(module?.token ?? first, 'the entry names no "module"');
  }
  if (suffix === undefined) {
    return {
      problem: {
        message: `the entry for ${module.value} names no "suffix"`,
        location: at(first),
        hint: 'add "suffix": "stl" (the classic renderer needs it too)',
      },
    };
  }
  const format = suffix.value.replace(/^\./, '').toLowerCase();
  if (!findExportFormat(format)) {
    return { problem: unknownSuffixProblem(suffix.value, at(suffix.token)) };
  }
  return {
    model: { module: module.value, suffix: format, at: at(first), moduleAt: at(module.token) },
  };
}

const escapes: Readonly<Record<string, string>> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '\n': '',
};

/**
 * Python tokens enough for literals: names, numbers, strings (single, double, triple quotes,
 * with `r`/`u`/`b` prefixes), punctuation; comments dropped; a `newline` token at the end of each
 * logical line (not inside brackets), so that top-level statements can be told apart.
 */
function tokenizePython(source: string): PyToken[] {
  const tokens: PyToken[] = [];
  let index = 0;
  let line = 1;
  let lineStart = 0;
  let depth = 0;
  const push = (
    kind: PyToken['kind'],
    start: number,
    startLine: number,
    column: number,
    value?: string,
  ): void => {
    tokens.push({
      kind,
      text: source.slice(start, index),
      ...(value === undefined ? {} : { value }),
      line: startLine,
      column,
      length: index - start,
    });
  };
  while (index < source.length) {
    const char = source[index] ?? '';
    const start = index;
    const column = index - lineStart + 1;
    if (char === '\n') {
      if (depth === 0 && tokens.at(-1)?.kind !== 'newline') push('newline', start, line, column);
      index++;
      line++;
      lineStart = index;
    } else if (char === '#') {
      while (index < source.length && source[index] !== '\n') index++;
    } else if (char === '\\' && source[index + 1] === '\n') {
      index += 2;
      line++;
      lineStart = index;
    } else if (/\s/.test(char)) {
      index++;
    } else if (/[A-Za-z_]/.test(char)) {
      while (/\w/.test(source[index] ?? '')) index++;
      const quote = source[index];
      if ((quote === '"' || quote === "'") && /^[rRuUbB]{1,2}$/.test(source.slice(start, index))) {
        const raw = /r/i.test(source.slice(start, index));
        const startLine = line;
        const value = readString(raw);
        push('string', start, startLine, column, value);
      } else {
        push('name', start, line, column);
      }
    } else if (/\d/.test(char)) {
      while (/[\w.]/.test(source[index] ?? '')) index++;
      push('number', start, line, column);
    } else if (char === '"' || char === "'") {
      const startLine = line;
      const value = readString(false);
      push('string', start, startLine, column, value);
    } else {
      if ('([{'.includes(char)) depth++;
      else if (')]}'.includes(char)) depth = Math.max(0, depth - 1);
      index++;
      push('punct', start, line, column);
    }
  }
  tokens.push({ kind: 'end', text: '', line, column: index - lineStart + 1, length: 0 });
  return tokens;

  function readString(raw: boolean): string {
    const quote = source[index] ?? '"';
    const triple = source.startsWith(quote.repeat(3), index);
    const close = triple ? quote.repeat(3) : quote;
    index += close.length;
    let value = '';
    while (index < source.length && !source.startsWith(close, index)) {
      const char = source[index] ?? '';
      if (char === '\n') {
        if (!triple) break;
        line++;
        lineStart = index + 1;
      }
      if (char === '\\' && !raw) {
        const next = source[index + 1] ?? '';
        value += escapes[next] ?? `\\${next}`;
        if (next === '\n') {
          line++;
          lineStart = index + 2;
        }
        index += 2;
        continue;
      }
      value += char;
      index++;
    }
    if (source.startsWith(close, index)) index += close.length;
    return value;
  }
}
